using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Connector.Worker.Limits;

/// <summary>
/// The framework's refusals of a request it cannot bind (<see cref="BadHttpRequestException"/>: malformed or
/// wrong-typed JSON, a duplicate key, a parameter that does not parse, a body over the size limit, a wrong content
/// type) become problem+json with the framework's status (400, 413, 415) instead of the exception handler's 500,
/// naming the field in <c>errors</c> as the endpoints' own ValidationProblems do: System.Text.Json's JSON path
/// (<c>identities[0].kind</c>) when the JSON was at fault, else the parameter.
/// </summary>
internal sealed partial class BadRequestProblems(IProblemDetailsService problems, ILogger<BadRequestProblems> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        if (exception is not BadHttpRequestException bad || http.Response.HasStarted)
        {
            return false;
        }

        var problem = bad.StatusCode == StatusCodes.Status413PayloadTooLarge
            ? new ProblemDetails { Status = 413, Title = "Request body too large", Detail = bad.Message }
            : Named(bad);
        // The message names the field and the reason, never the value sent.
        logger.LogInformation("Request to {Path} refused with {Status}: {Detail}", http.Request.Path, problem.Status, problem.Detail);
        http.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }

    private static ProblemDetails Named(BadHttpRequestException bad)
    {
        var json = bad.InnerException as JsonException;
        var field = json is not null ? FieldOf(json.Path) : ParameterOf(bad.Message);
        var detail = json is not null ? JsonReason(json) : bad.Message;
        var problem = new ProblemDetails { Status = bad.StatusCode, Title = $"Invalid {field}", Detail = detail };
        problem.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [detail] };
        return problem;
    }

    /// <summary><c>$.identities[0].kind</c> → <c>identities[0].kind</c>; the whole body is <c>body</c>.</summary>
    internal static string FieldOf(string? path) =>
        path is null or "$" or "" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    /// <summary>System.Text.Json's message without its position suffix (the path is the field already).</summary>
    private static string JsonReason(JsonException json)
    {
        var message = json.Message;
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    /// <summary><c>Failed to bind parameter "Guid id" from "x".</c> → <c>id</c>.</summary>
    private static string ParameterOf(string message) =>
        Parameter().Match(message) is { Success: true } m ? m.Groups["name"].Value : "body";

    [GeneratedRegex("parameter \"[^\"]*? (?<name>[A-Za-z_][A-Za-z0-9_]*)\"")]
    private static partial Regex Parameter();
}
