using Connector.Core;
using Connector.Core.Customers;
using Connector.Worker.Acs;
using Connector.Worker.Claims;

namespace Connector.Worker.Chat;

/// <summary>
/// The visitor proves a phone or email they typed is theirs: a one-time code goes over that channel (WhatsApp template,
/// ACS Email) and they type it into the widget. Only the session's visitor may ask (the <c>X-Chat-Session-Key</c> they
/// got with the session; anyone else, or an unknown thread, gets the same 401). Answers name the kind only, never the
/// value typed, and say nothing of any customer.
/// </summary>
public static class ChatVerificationEndpoints
{
    public static IEndpointRouteBuilder MapChatVerification(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/chat/sessions/{threadId}/verification-codes", SendCodeAsync).WithTags("Web chat")
            .WithSummary("The session's visitor (X-Chat-Session-Key) asks for a one-time code to the phone (WhatsApp) or email they typed: 202, or 429 past the per-identity limit.");
        app.MapPost("/api/chat/sessions/{threadId}/verify", VerifyAsync).WithTags("Web chat")
            .WithSummary("The session's visitor (X-Chat-Session-Key) gives the code they received; the right one links the claimed phone or email to them.");
        return app;
    }

    private static async Task<IResult> SendCodeAsync(
        string threadId, ChatCodeRequest? body, HttpContext http, ChatSessionStore sessions, IdentityClaimStore claims,
        ClaimCodeSender sender, ClaimVerification verification, CancellationToken ct)
    {
        if (!await ChatVisitorKey.IsVisitorAsync(http, threadId, sessions, ct))
        {
            return NotTheVisitor();
        }

        var (claim, refusal) = await ClaimOfAsync(threadId, body?.Kind, claims, ct);
        if (claim is null)
        {
            return refusal!;
        }

        if (claim.Verified)
        {
            return TypedResults.Problem(statusCode: 409, title: "Already verified", detail: $"Your {WireNames.Of(claim.Identity.Kind)} is verified already.");
        }

        if (sender.Unavailable(claim.Identity.Kind) is { } why)
        {
            return TypedResults.Problem(statusCode: 503, title: "No code can be sent", detail: why);
        }

        try
        {
            var sent = await verification.SendCodeAsync(claim, ct);
            if (!sent.Sent)
            {
                http.Response.Headers.RetryAfter = ((int)sent.RetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return TypedResults.Problem(statusCode: 429, title: "Too many codes",
                    detail: $"kind: enough codes went to this {WireNames.Of(claim.Identity.Kind)} in the last hour; try again later.",
                    extensions: new Dictionary<string, object?> { ["field"] = "kind" });
            }

            return TypedResults.Accepted((string?)null, new ChatCodeSent(WireNames.Of(claim.Identity.Kind), sent.ExpiresAt));
        }
        catch (AcsRequestFailedException ex)
        {
            return TypedResults.Problem(statusCode: 502, title: "ACS refused to send the code", detail: ex.Message);
        }
    }

    private static async Task<IResult> VerifyAsync(
        string threadId, ChatVerifyRequest? body, HttpContext http, ChatSessionStore sessions, IdentityClaimStore claims,
        ClaimVerification verification, CancellationToken ct)
    {
        if (!await ChatVisitorKey.IsVisitorAsync(http, threadId, sessions, ct))
        {
            return NotTheVisitor();
        }

        var (claim, refusal) = await ClaimOfAsync(threadId, body?.Kind, claims, ct);
        if (claim is null)
        {
            return refusal!;
        }

        var code = body?.Code?.Trim();
        if (string.IsNullOrEmpty(code) || code.Length != 6 || !code.All(char.IsAsciiDigit))
        {
            return Invalid("code", "Invalid code", "code: the six digits of the code you received.");
        }

        if (claim.Verified)
        {
            return TypedResults.Ok(new ChatVerified(WireNames.Of(claim.Identity.Kind), true));
        }

        var (outcome, left) = await verification.CheckAsync(claim, code, ct);
        return outcome switch
        {
            CodeCheck.Verified => TypedResults.Ok(new ChatVerified(WireNames.Of(claim.Identity.Kind), true)),
            CodeCheck.Wrong => TypedResults.Problem(statusCode: 400, title: "Wrong code",
                detail: $"code: that is not the code sent; {left} attempt(s) left.", extensions: new Dictionary<string, object?> { ["field"] = "code", ["attemptsLeft"] = left }),
            CodeCheck.Expired => TypedResults.Problem(statusCode: 400, title: "Code expired",
                detail: "code: the code has expired; ask for a new one.", extensions: new Dictionary<string, object?> { ["field"] = "code" }),
            CodeCheck.TooManyAttempts => TypedResults.Problem(statusCode: 429, title: "Too many attempts",
                detail: "code: this code allows no more attempts; ask for a new one.", extensions: new Dictionary<string, object?> { ["field"] = "code" }),
            _ => TypedResults.Problem(statusCode: 400, title: "No code sent",
                detail: "code: no code is waiting for this; ask for one first.", extensions: new Dictionary<string, object?> { ["field"] = "code" }),
        };
    }

    /// <summary>The session's claim of the kind named; a kind the visitor did not type is a 400 naming <c>kind</c>.</summary>
    private static async Task<(IdentityClaim? Claim, IResult? Refusal)> ClaimOfAsync(string threadId, string? kind, IdentityClaimStore claims, CancellationToken ct)
    {
        if (!WireNames.TryParse<IdentityKind>(kind, out var parsed) || parsed is not (IdentityKind.Phone or IdentityKind.Email))
        {
            return (null, Invalid("kind", "Invalid kind", "kind: phone or email."));
        }

        return await claims.ForThreadAsync(threadId, parsed, ct) is { } claim
            ? (claim, null)
            : (null, Invalid("kind", "Nothing to verify", $"kind: this chat was started without a {WireNames.Of(parsed)}."));
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ValidationProblem Invalid(string field, string title, string detail) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [detail] }, title: title);

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult NotTheVisitor() =>
        TypedResults.Problem(statusCode: 401, title: "Not this chat's visitor",
            detail: $"Send the sessionKey the chat session answered as {ChatVisitorKey.Header}.");
}
