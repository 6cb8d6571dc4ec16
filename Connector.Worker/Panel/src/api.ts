// The Worker's REST API as the panel calls it: same origin, the session cookie, and the antiforgery token on every write
// (the cookie is SameSite=None so that the panel works inside a CRM frame; the token is what stops another site's form).

/** A refusal from the Worker: its problem+json title and detail, shown to the agent as they are. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string | undefined,
    readonly body: Record<string, unknown>,
  ) {
    super(detail ? `${title}: ${detail}` : title);
  }
}

let csrf: Promise<{ token: string; headerName: string }> | null = null;

function antiforgery() {
  csrf ??= getJson<{ token: string; headerName: string }>("/api/antiforgery").catch((e) => {
    csrf = null;
    throw e;
  });
  return csrf;
}

async function read<T>(response: Response): Promise<T> {
  if (response.status === 401) {
    // The session ended (signed out elsewhere, expired): sign in again and come back here.
    location.assign(`/signin?returnUrl=${encodeURIComponent(location.pathname + location.search)}`);
    throw new ApiError(401, "Signed out", "Sign in again.", {});
  }
  const text = await response.text();
  const body = text ? JSON.parse(text) : null;
  if (!response.ok) {
    throw new ApiError(response.status, body?.title ?? response.statusText, body?.detail, body ?? {});
  }
  return body as T;
}

export async function getJson<T>(url: string): Promise<T> {
  return read<T>(await fetch(url, { credentials: "same-origin", headers: { accept: "application/json" } }));
}

/**
 * Every page of a list endpoint: the body of each page is an array, and while the Worker has more it names the next
 * page in a `Link: <…>; rel="next"` header (lists come 100 at a time unless `limit` says otherwise).
 */
export async function getAllPages<T>(url: string): Promise<T[]> {
  const items: T[] = [];
  for (let next: string | null = url; next; ) {
    const response: Response = await fetch(next, { credentials: "same-origin", headers: { accept: "application/json" } });
    items.push(...(await read<T[]>(response)));
    next = nextPage(response.headers.get("link"));
  }
  return items;
}

function nextPage(link: string | null): string | null {
  const next = /<([^>]*)>\s*;\s*rel="?next"?/.exec(link ?? "");
  return next ? next[1] : null;
}

export async function send<T>(method: "POST" | "PUT" | "DELETE", url: string, body?: unknown): Promise<T> {
  const { token, headerName } = await antiforgery();
  return read<T>(
    await fetch(url, {
      method,
      credentials: "same-origin",
      headers: { "content-type": "application/json", accept: "application/json", [headerName]: token },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  );
}

/**
 * An agent's reply, sent exactly once: one Idempotency-Key per reply composed, reused when the network fails and the
 * request is tried again (the Worker answers a retry with the same key as the first, and sends the message once).
 * The answer is 200 when the message went out, 202 with deliveryStatus "pending" when the Worker will send it shortly.
 */
export async function sendReply<T>(conversationId: string, body: unknown, key: string = newKey()): Promise<T> {
  const { token, headerName } = await antiforgery();
  const attempt = () =>
    fetch(`/api/conversations/${encodeURIComponent(conversationId)}/messages`, {
      method: "POST",
      credentials: "same-origin",
      headers: { "content-type": "application/json", accept: "application/json", [headerName]: token, "Idempotency-Key": key },
      body: JSON.stringify(body),
    });
  for (let tries = 1; ; tries++) {
    let response: Response;
    try {
      response = await attempt();
    } catch (e) {
      // fetch throws TypeError only when no answer arrived: the Worker may have the reply, so ask again with the same key.
      if (!(e instanceof TypeError) || tries >= 3) throw e;
      await new Promise((resolve) => setTimeout(resolve, 500 * tries));
      continue;
    }
    return read<T>(response);
  }
}

/** A random UUID; crypto.randomUUID exists only in secure contexts, and the panel may be served over plain http inside a LAN. */
function newKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The token is bound to the person: after signing in again, fetch a new one. */
export function forgetAntiforgery() {
  csrf = null;
}
