using System.Globalization;

namespace Connector.Salesforce.Embedding;

/// <summary>
/// GUIDE.md of the install package: the steps a Salesforce admin (and whoever runs the Worker) takes, in order, with
/// this Worker's URLs filled in. The setting names are the Worker's real ones (<see cref="SalesforceOptions"/>,
/// <c>Panel:HostOrigins</c>, <c>Auth:Oidc:*</c>) so the guide can be followed without the README open.
/// </summary>
public static class SalesforceInstallGuide
{
    public static string Render(SalesforceInstallPackage package)
    {
        ArgumentNullException.ThrowIfNull(package);
        var worker = package.WorkerUrl.GetLeftPart(UriPartial.Path).TrimEnd('/');
        var origin = package.WorkerUrl.GetLeftPart(UriPartial.Authority);
        var panel = package.CallCenter.AdapterUrl.AbsoluteUri;
        var name = package.CallCenter.InternalName;
        var display = package.CallCenter.DisplayName;
        var section = SalesforceOptions.Section.Replace(":", "__", StringComparison.Ordinal);
        return string.Create(CultureInfo.InvariantCulture, $$"""
            # Install the agent panel in Salesforce

            The connector's agent panel runs as the **Open CTI softphone** of your Lightning apps, loaded from
            this Worker:

            - Worker: <{{worker}}>
            - Panel (the call center's CTI Adapter URL): <{{panel}}>
            - Call center: `{{name}}` ("{{display}}"), defined in `call-center.xml` beside this guide

            Salesforce opens the panel as `{{panel}}?sfdcIframeOrigin=…&mode=Lightning`; the panel sees those
            parameters, loads Salesforce's `opencti_min.js` from that origin and then pops records, logs calls and
            takes click-to-dial. You need a Salesforce admin (steps 1 to 5, 8) and whoever configures the Worker
            (steps 6, 7, 8).

            ## 1. Import the call center

            1. In Salesforce, **Setup → Quick Find "Call Centers" → Call Centers** (under Feature Settings → Service →
               Call Center). If Salesforce shows an introduction page first, choose **Continue**.
            2. Choose **Import**, select `call-center.xml` from this folder, and **Import**.
            3. Open the imported call center `{{display}}` and check that **CTI Adapter URL** is `{{panel}}` and
               **Salesforce Compatibility Mode** is `Lightning`.

            Re-importing after the Worker's URL changes: delete the old call center first, or edit its CTI Adapter
            URL by hand (the internal name must be unique in the org).

            ## 2. Add the agents to the call center

            1. In the call center, **Manage Call Center Users → Add More Users**.
            2. Find the agents and supervisors (by profile, role or name), tick them, **Add to Call Center**.

            A user belongs to one call center at a time; someone who is not in this one gets no softphone.

            ## 3. Add the softphone to the Lightning app's utility bar

            1. **Setup → App Manager**, the Lightning app your agents use (e.g. Service Console) → **Edit**.
            2. **Utility Items (Desktop Only) → Add Utility Item → Open CTI Softphone**.
            3. Optionally tick **Start automatically** (the panel then connects when the app opens, so offers arrive
               while the softphone is folded away; the panel opens itself when one does). **Save**.

            Repeat for every app the agents work in.

            ## 4. Trust the Worker in Salesforce (CSP Trusted Sites)

            1. **Setup → Quick Find "Trusted URLs"** (named **CSP Trusted Sites** in older orgs) → **New Trusted URL**.
            2. API name `ConnectorWorker`, URL `{{origin}}`, CSP context **All**.
            3. Tick **frame-src** (the softphone frame), **connect-src**, and, under Permissions Policy directives where
               your org shows them, **Microphone** (the softphone in the browser). **Save**.

            ## 5. Find the Salesforce origins the panel is embedded in

            The panel is framed by, and loads `opencti_min.js` from, your org's Lightning origin. With My Domain
            `acme` they are:

            - `https://acme.lightning.force.com` (Lightning pages; this is the `sfdcIframeOrigin`)
            - `https://acme.my.salesforce.com` (the My Domain itself)
            - a sandbox `dev` of it: `https://acme--dev.sandbox.lightning.force.com` and `https://acme--dev.sandbox.my.salesforce.com`

            Your My Domain is under **Setup → My Domain**.

            ## 6. Allow those origins on the Worker (`Panel:HostOrigins`)

            The Worker sends the panel with `Content-Security-Policy: frame-ancestors` and `script-src` built from
            `Panel:HostOrigins`: a browser refuses to show the panel in any other site, and the panel loads Open CTI
            only from these. Set each origin from step 5, for example as environment variables:

            ```bash
            Panel__HostOrigins__0=https://acme.lightning.force.com
            Panel__HostOrigins__1=https://acme.my.salesforce.com
            ```

            (or `"Panel": { "HostOrigins": [ … ] }` in `appsettings.json`), then restart the Worker.

            ## 7. Sign-in for the agents

            The first time, the softphone shows the Worker's sign-in inside the frame; the session cookie is
            partitioned to Salesforce's site, so it works where third-party cookies are blocked. Each person's agent
            record carries their Salesforce User Id (`PUT /api/agents/{id}` with `crmUserId`, the `005…` Id on the
            user's page) and their `email`, so that activities show the agent who did the work.

            - **Local accounts** (no `Auth:Oidc:Authority`): an admin creates one per person with `POST /api/accounts`
              `{email, displayName, password, role}`, or on the Worker's machine:
              `echo "$PASSWORD" | dotnet run --project Connector.Worker -- add-user --email ada@example.com --role agent`.
              The account works as the agent record with the same email.
            - **An OpenID provider** (`Auth:Oidc:Authority`, `ClientId`, `ClientSecret`, `RoleClaim`, `Roles`), e.g.
              your company's Entra ID or Okta, or Salesforce itself (`Auth__Oidc__Authority=https://acme.my.salesforce.com`, a
              connected app with the redirect URI `{{worker}}/signin-oidc` and a custom attribute for the role);
              the README's Sign-in section lists the settings per provider.

            ## 8. The connected app for the CRM sync

            The Worker writes contacts, calls, chats and cases through the REST API as an integration user
            (`Crm__Provider=Salesforce`). In Salesforce, **Setup → App Manager → New Connected App** (or New External
            Client App): **Enable OAuth Settings**, callback URL `{{worker}}/signin-oidc` (the form requires one;
            these flows do not use it), scopes **Manage user data via APIs (api)** and **Perform requests at any time
            (refresh_token, offline_access)**. Then choose one flow:

            - **JWT bearer flow** (recommended): tick **Use digital signatures** and upload the certificate of an RSA key
              pair; under **Manage → Edit Policies**, Permitted Users **Admin approved users are pre-authorized**, and add
              the integration user's profile or permission set. On the Worker:

              ```bash
              {{section}}__LoginUrl=https://login.salesforce.com      # https://test.salesforce.com for a sandbox, or the My Domain
              {{section}}__ClientId=<the app's consumer key>
              {{section}}__Username=<the integration user's username>
              {{section}}__PrivateKeyPath=/etc/connector/salesforce.key   # the PEM private key of that certificate
              {{section}}__JwtAudience=https://login.salesforce.com   # https://test.salesforce.com for a sandbox
              ```
            - **Client-credentials flow**: tick **Enable Client Credentials Flow** and, under **Manage → Edit Policies**,
              set the **Run As** user. On the Worker:

              ```bash
              {{section}}__LoginUrl=https://acme.my.salesforce.com    # the My Domain: required for this flow
              {{section}}__ClientId=<the app's consumer key>
              {{section}}__ClientSecret=<the app's consumer secret>
              ```

            Also create the External ID field the writes are keyed on (`{{section}}__ExternalIdField`, default
            `Connector_Key__c`: Text, External ID, Unique) on Contact, Lead, Task, Case, EmailMessage and
            ContentVersion, and add the Task `Type` picklist values `Chat` and `WhatsApp`. The README's Salesforce
            section lists every `Crm:Salesforce` setting.

            ## 9. Check it

            1. Sign in to Salesforce as an agent of the call center and open the app from step 3.
            2. Open the **Open CTI Softphone** in the utility bar: the panel shows and asks the agent to sign in (step 7).
            3. Set the agent available; click a phone number on a contact: the panel places the call (click-to-dial).
            4. When an offer arrives and is accepted, the customer's record opens in Salesforce (screen-pop), and after
               wrap-up the logged activity is linked on the record.

            If the softphone stays blank, the browser's console names what refused it: a missing Trusted URL (step 4)
            or a Salesforce origin missing from `Panel:HostOrigins` (step 6).

            """);
    }
}
