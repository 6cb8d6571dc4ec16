using System.Text.Encodings.Web;

namespace Connector.Worker.People.SignIn;

/// <summary>
/// The few server-rendered pages of signing in: small, with labels, landmarks and alerts for assistive technology,
/// no inline script (the two pages of the popup sign-in load theirs from the Worker, <c>Framed/Scripts</c>), and
/// nothing that stops them from showing inside the CRM's iframe.
/// </summary>
internal static class SignInPages
{
    private const string Style = """
        body{font-family:system-ui,sans-serif;margin:0;padding:2rem 1rem;background:#f5f6f8;color:#1b1f24}
        main{max-width:22rem;margin:0 auto;background:#fff;padding:1.5rem;border-radius:8px;box-shadow:0 1px 3px rgba(0,0,0,.15)}
        h1{font-size:1.4rem;margin-top:0}label{display:block;margin:.9rem 0 .3rem;font-weight:600}
        input{width:100%;box-sizing:border-box;padding:.55rem;font-size:1rem;border:1px solid #6b7280;border-radius:4px}
        input:focus,button:focus{outline:3px solid #2563eb;outline-offset:1px}
        button{margin-top:1.2rem;width:100%;padding:.65rem;font-size:1rem;border:0;border-radius:4px;background:#1d4ed8;color:#fff;cursor:pointer}
        [role=alert]{background:#fde8e8;color:#8a1c1c;padding:.6rem;border-radius:4px}
        """;

    public static string SignIn(string antiforgeryToken, string returnUrl, string? error, string? email) => Page("Sign in", $"""
        <h1>Sign in</h1>
        {Alert(error)}
        <form method="post" action="{SignInEndpoints.SignInPath}">
        {Hidden("__RequestVerificationToken", antiforgeryToken)}{Hidden("returnUrl", returnUrl)}
        <label for="email">Email</label>
        <input id="email" name="email" type="email" autocomplete="username" required autofocus value="{E(email)}"{Invalid(error)}>
        <label for="password">Password</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required{Invalid(error)}>
        <button type="submit">Sign in</button>
        </form>
        """);

    public static string Setup(string antiforgeryToken, string token, string? error) => Page("Create the first admin", $"""
        <h1>Create the first admin</h1>
        <p>This link works once. The account you create here manages everyone else's.</p>
        {Alert(error)}
        <form method="post" action="{SignInEndpoints.SetupPath}">
        {Hidden("__RequestVerificationToken", antiforgeryToken)}{Hidden("token", token)}
        <label for="email">Email</label>
        <input id="email" name="email" type="email" autocomplete="username" required autofocus>
        <label for="displayName">Name</label>
        <input id="displayName" name="displayName" type="text" autocomplete="name">
        <label for="password">Password (at least {LocalAccounts.MinPasswordLength} characters)</label>
        <input id="password" name="password" type="password" autocomplete="new-password" required minlength="{LocalAccounts.MinPasswordLength}">
        <button type="submit">Create admin and sign in</button>
        </form>
        """);

    public static string SignedIn(string antiforgeryToken, string name, IEnumerable<string> roles) => Page("Signed in", $"""
        <h1>Signed in</h1>
        <p>You are signed in as <strong>{E(name)}</strong> ({E(string.Join(", ", roles))}).</p>
        {SignOutForm(antiforgeryToken)}
        """);

    public static string SignedOut() => Page("Signed out", $"""
        <h1>Signed out</h1>
        <p><a href="{SignInEndpoints.SignInPath}">Sign in again</a></p>
        """);

    /// <summary>A signed-in person opened a page their roles do not open (<c>/hangfire</c> for an agent).</summary>
    public static string Forbidden(string antiforgeryToken, string? name) => Page("Not for your role", $"""
        <h1>Not for your role</h1>
        <p role="alert">{E(name ?? "You")} may not open this page. Sign out to sign in as someone who may.</p>
        {SignOutForm(antiforgeryToken)}
        """);

    /// <summary>The provider knows the person but none of their groups or roles is mapped to one of ours.</summary>
    public static string NoRole(string? name) => Page("No access", $"""
        <h1>No access</h1>
        <p role="alert">{E(name ?? "This account")} has none of the groups or roles that open the connector. Ask an administrator to add you to one.</p>
        """);

    /// <summary>
    /// <c>/signin</c> inside the CRM's frame with a provider, which refuses to be framed: a button that opens the sign-in in
    /// a popup (a user gesture lets the browser open it) and a form holding the antiforgery token the handoff is sent with.
    /// </summary>
    public static string FramedSignIn(string antiforgeryToken, string popupUrl, string provider) => Page("Sign in", $"""
        <h1>Sign in</h1>
        <p id="error" role="alert" hidden></p>
        <form id="handoff" method="post" action="{Framed.FramedSignInEndpoints.HandoffPath}">
        {Hidden("__RequestVerificationToken", antiforgeryToken)}
        <button type="button" id="open-popup" data-popup="{E(popupUrl)}">Sign in with {E(provider)}</button>
        </form>
        <p>The sign-in opens in a window of its own and closes when you are done.</p>
        """, Framed.FramedSignInEndpoints.FramedScriptPath);

    /// <summary>The popup, signed in: its script posts the one-time <paramref name="code"/> to the frame that opened it.</summary>
    public static string Handoff(string code, string name) => Page("Signed in", $"""
        <h1>Signed in</h1>
        <p id="handoff" data-code="{E(code)}">You are signed in as <strong>{E(name)}</strong>. You may close this window.</p>
        """, Framed.FramedSignInEndpoints.PopupScriptPath);

    public static string Failed(string title, string detail) => Page(title, $"""
        <h1>{E(title)}</h1>
        <p role="alert">{E(detail)}</p>
        <p><a href="{SignInEndpoints.SignInPath}">Try again</a></p>
        """);

    public static IResult Html(string page, int statusCode = StatusCodes.Status200OK) =>
        Results.Content(page, "text/html; charset=utf-8", statusCode: statusCode);

    private static string SignOutForm(string antiforgeryToken) => $"""
        <form method="post" action="{SignInEndpoints.SignOutPath}">
        {Hidden("__RequestVerificationToken", antiforgeryToken)}
        <button type="submit">Sign out</button>
        </form>
        """;

    private static string Page(string title, string body, string? script = null) => $"""
        <!doctype html>
        <html lang="en">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{E(title)} · Connector</title><style>{Style}</style>{Script(script)}</head>
        <body><main>
        {body}
        </main></body>
        </html>
        """;

    private static string Script(string? src) => src is null ? "" : $"""<script src="{E(src)}" defer></script>""";

    private static string Alert(string? message) => message is null ? "" : $"""<p id="error" role="alert">{E(message)}</p>""";

    private static string Invalid(string? error) => error is null ? "" : """ aria-invalid="true" aria-describedby="error" """.TrimEnd();

    private static string Hidden(string name, string value) => $"""<input type="hidden" name="{name}" value="{E(value)}">""";

    private static string E(string? value) => HtmlEncoder.Default.Encode(value ?? "");
}
