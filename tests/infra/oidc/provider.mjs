// A real OpenID provider (oidc-provider, OpenID Certified) for the Worker's sign-in tests, on loopback.
//
// Everything it knows comes from the environment, so that the test that starts it says who signs in:
//   OIDC_PORT        the port to listen on (127.0.0.1)
//   OIDC_ISSUER      the issuer URL, e.g. http://localhost:PORT (another site than the Worker's 127.0.0.1)
//   OIDC_CLIENTS     JSON array of client metadata (client_id, client_secret, redirect_uris, …)
//   OIDC_USERS       JSON array of {sub, email, name, password, groups}
//   OIDC_RESOURCE    the API's resource indicator: access tokens for it are JWTs with that audience
// It prints "listening on ISSUER" once it accepts requests.
//
// The login page is the provider's own minimal form (email, password); consent is granted without a page, as a
// company IdP does for its own applications. Sign-out asks nothing: it signs out and returns to the client.
import http from 'node:http';
import { once } from 'node:events';
import Provider, { errors } from 'oidc-provider';

const port = Number(process.env.OIDC_PORT);
const issuer = process.env.OIDC_ISSUER;
const clients = JSON.parse(process.env.OIDC_CLIENTS);
const users = JSON.parse(process.env.OIDC_USERS);
const resource = process.env.OIDC_RESOURCE;

const bySub = new Map(users.map((u) => [u.sub, u]));

const provider = new Provider(issuer, {
  clients,
  async findAccount(ctx, sub) {
    const user = bySub.get(sub);
    if (!user) {
      return undefined;
    }
    return {
      accountId: sub,
      async claims() {
        return { sub, email: user.email, email_verified: true, name: user.name, groups: user.groups };
      },
    };
  },
  // The groups travel in the ID token (as Entra's roles, Okta's groups claim or a Keycloak mapper put them there).
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'groups'] },
  conformIdTokenClaims: false,
  // PKCE for every client, confidential ones included: the Worker must send a code_challenge.
  pkce: { required: () => true },
  features: {
    devInteractions: { enabled: false },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => resource,
      useGrantedResource: () => true,
      getResourceServerInfo: () => ({ scope: 'connector', audience: resource, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } } }),
    },
    rpInitiatedLogout: {
      enabled: true,
      async logoutSource(ctx, form) {
        ctx.body = `<!doctype html><html><head><title>Signing out</title></head><body>${form}`
          + '<input type="hidden" form="op.logoutForm" name="logout" value="yes">'
          + '<script>document.getElementById("op.logoutForm").submit()</script></body></html>';
      },
    },
  },
  // An API's access token carries who the person is and their groups, as the IdPs' access tokens do.
  async extraTokenClaims(ctx, token) {
    const user = token.accountId ? bySub.get(token.accountId) : undefined;
    return user ? { email: user.email, groups: user.groups } : undefined;
  },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  ttl: { Session: 3600, Interaction: 600, Grant: 3600, IdToken: 3600, AccessToken: 3600, AuthorizationCode: 60 },
});

// Each authorization request's PKCE parameters, for the tests to see what the Worker sent (it pushes its request
// to the PAR endpoint when the provider offers one, so the browser's URL no longer shows them).
provider.use(async (ctx, next) => {
  await next();
  const route = ctx.oidc?.route;
  if ((route === 'authorization' || route === 'pushed_authorization_request') && ctx.oidc.params?.code_challenge) {
    console.log(`pkce route=${route} client=${ctx.oidc.params.client_id} method=${ctx.oidc.params.code_challenge_method}`);
  }
});

const escape = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function loginPage(uid, error) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test IdP sign-in</title></head><body>
<main><h1>Test IdP</h1>${error ? `<p role="alert">${escape(error)}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}/login">
<label>Email <input id="idp-email" name="email" type="email" autocomplete="username" required></label>
<label>Password <input id="idp-password" name="password" type="password" autocomplete="current-password" required></label>
<button id="idp-submit" type="submit">Sign in</button>
</form></main></body></html>`;
}

async function readForm(req) {
  const chunks = [];
  for await (const chunk of req) {
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

// Consent for everything asked, without a page.
async function grantConsent(details) {
  const { prompt, params, session } = details;
  const grant = details.grantId
    ? await provider.Grant.find(details.grantId)
    : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
  if (prompt.details.missingOIDCScope) {
    grant.addOIDCScope(prompt.details.missingOIDCScope.join(' '));
  }
  if (prompt.details.missingOIDCClaims) {
    grant.addOIDCClaims(prompt.details.missingOIDCClaims);
  }
  if (prompt.details.missingResourceScopes) {
    for (const [indicator, scopes] of Object.entries(prompt.details.missingResourceScopes)) {
      grant.addResourceScope(indicator, scopes.join(' '));
    }
  }
  return { consent: { grantId: await grant.save() } };
}

async function interaction(req, res, path) {
  const details = await provider.interactionDetails(req, res);
  if (details.prompt.name === 'consent') {
    await provider.interactionFinished(req, res, await grantConsent(details), { mergeWithLastSubmission: true });
    return;
  }

  if (req.method === 'POST' && path.endsWith('/login')) {
    const form = await readForm(req);
    const user = users.find((u) => u.email === form.get('email'));
    if (!user || user.password !== form.get('password')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(loginPage(details.uid, 'Wrong email or password.'));
      return;
    }
    await provider.interactionFinished(req, res, { login: { accountId: user.sub } }, { mergeWithLastSubmission: false });
    return;
  }

  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(loginPage(details.uid));
}

const callback = provider.callback();
const server = http.createServer((req, res) => {
  const path = new URL(req.url, issuer).pathname;
  if (!path.startsWith('/interaction/')) {
    callback(req, res);
    return;
  }
  interaction(req, res, path).catch((error) => {
    console.error(error);
    const status = error instanceof errors.OIDCProviderError ? error.statusCode : 500;
    res.writeHead(status, { 'content-type': 'text/plain' }).end(String(error.message));
  });
});

server.listen(port, '127.0.0.1');
await once(server, 'listening');
console.log(`listening on ${issuer}`);
