using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Connector.Ai.Tests.Fakes;

/// <summary>
/// An OpenAI-compatible chat completions API (<c>POST /v1/chat/completions</c>, Bearer key) and Azure OpenAI's
/// (<c>POST /openai/deployments/{deployment}/chat/completions?api-version=…</c>, <c>api-key</c> header) on loopback.
/// It refuses what the real services refuse, with their error bodies: a wrong key (401), an unknown model or
/// deployment (404), a missing api-version, no messages, a message without a known role, an unknown request field,
/// and a <c>response_format</c> that is not a documented one (400).
/// </summary>
public sealed partial class FakeOpenAiServer : IAsyncDisposable
{
    private static readonly HashSet<string> KnownFields =
    [
        "model", "messages", "temperature", "top_p", "n", "stream", "stream_options", "stop", "max_tokens", "max_completion_tokens",
        "presence_penalty", "frequency_penalty", "logit_bias", "logprobs", "top_logprobs", "user", "response_format", "seed",
        "tools", "tool_choice", "parallel_tool_calls", "store", "metadata", "reasoning_effort", "modalities", "prediction",
        "audio", "service_tier", "web_search_options",
    ];

    private static readonly HashSet<string> KnownRoles = ["system", "developer", "user", "assistant", "tool"];

    private readonly ConcurrentQueue<FakeChatRequest> requests = new();
    private readonly ConcurrentQueue<FakeChatReply> replies = new();
    private WebApplication? app;

    private FakeOpenAiServer(string key, string deployment)
    {
        Key = key;
        Deployment = deployment;
    }

    public string Key { get; }

    /// <summary>The model (OpenAI-compatible) and the deployment (Azure) the fake serves.</summary>
    public string Deployment { get; }

    /// <summary><c>http://127.0.0.1:{port}/</c>.</summary>
    public Uri Endpoint { get; private set; } = null!;

    public IReadOnlyList<FakeChatRequest> Requests => [.. requests];

    public static async Task<FakeOpenAiServer> StartAsync(string key, string deployment, CancellationToken cancellationToken)
    {
        var server = new FakeOpenAiServer(key, deployment);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapPost("/v1/chat/completions", (Delegate)((HttpContext context) => server.CompleteAsync(context, azure: false)));
        app.MapPost("/openai/deployments/{deployment}/chat/completions", (Delegate)((HttpContext context) => server.CompleteAsync(context, azure: true)));
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Endpoint = new Uri(address.EndsWith('/') ? address : address + "/");
        server.app = app;
        return server;
    }

    /// <summary>The next request is answered this way; with none queued, a neutral well-formed answer.</summary>
    public void ReplyNext(FakeChatReply reply) => replies.Enqueue(reply);

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private async Task<IResult> CompleteAsync(HttpContext context, bool azure)
    {
        var request = context.Request;
        JsonObject? body = null;
        try
        {
            body = await JsonNode.ParseAsync(request.Body, cancellationToken: context.RequestAborted) as JsonObject;
        }
        catch (JsonException)
        {
            // Refused below, as OpenAI refuses a body it cannot parse.
        }

        var (status, error) = Check(request, body, azure);
        var reply = error is null && replies.TryDequeue(out var next) ? next : new FakeChatReply.Content("""{"sentiment":0,"confidence":0.5}""");
        requests.Enqueue(new FakeChatRequest(
            request.Path.Value ?? "", request.QueryString.Value ?? "", request.Headers.Authorization.FirstOrDefault(), request.Headers["api-key"].FirstOrDefault(), body,
            reply is FakeChatReply.Throttled ? 429 : status));
        if (error is not null)
        {
            return Results.Json(error, statusCode: status);
        }

        switch (reply)
        {
            case FakeChatReply.Throttled:
                context.Response.Headers.RetryAfter = "20";
                return Results.Json(Error("Rate limit reached for requests. Please try again in 20s.", "requests", "rate_limit_exceeded"), statusCode: 429);
            case FakeChatReply.Hang:
                await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return Results.Empty;
            case FakeChatReply.Content content:
                return Results.Json(Completion(content.Text, body!["model"]?.GetValue<string>() ?? Deployment));
            default:
                throw new InvalidOperationException($"Unknown reply {reply}");
        }
    }

    private (int Status, JsonObject? Error) Check(HttpRequest request, JsonObject? body, bool azure)
    {
        if (azure)
        {
            if (request.Headers["api-key"] != Key)
            {
                return (401, Error("Access denied due to invalid subscription key or wrong API endpoint.", null, "401"));
            }

            if (string.IsNullOrEmpty(request.Query["api-version"]))
            {
                return (404, Error("Resource not found", null, "404"));
            }

            if ((string?)request.RouteValues["deployment"] != Deployment)
            {
                return (404, Error("The API deployment for this resource does not exist.", null, "DeploymentNotFound"));
            }
        }
        else if (request.Headers.Authorization != $"Bearer {Key}")
        {
            return (401, Error("Incorrect API key provided.", null, "invalid_api_key"));
        }

        if (body is null)
        {
            return (400, Error("We could not parse the JSON body of your request.", null, null));
        }

        if (body.Select(p => p.Key).FirstOrDefault(k => !KnownFields.Contains(k)) is { } unknown)
        {
            return (400, Error($"Unrecognized request argument supplied: {unknown}", unknown, null));
        }

        var model = body["model"]?.GetValueKind() == JsonValueKind.String ? body["model"]!.GetValue<string>() : null;
        if (!azure && model is null)
        {
            return (400, Error("you must provide a model parameter", "model", null));
        }

        if (!azure && model != Deployment)
        {
            return (404, Error($"The model `{model}` does not exist or you do not have access to it.", "model", "model_not_found"));
        }

        if (body["messages"] is not JsonArray { Count: > 0 } messages)
        {
            return (400, Error("'messages' must contain at least one message.", "messages", null));
        }

        for (var i = 0; i < messages.Count; i++)
        {
            if (messages[i] is not JsonObject message || message["role"]?.GetValueKind() != JsonValueKind.String
                || !KnownRoles.Contains(message["role"]!.GetValue<string>()))
            {
                return (400, Error($"Invalid value for 'messages[{i}].role'.", $"messages[{i}].role", "invalid_value"));
            }

            if (message["content"] is not (JsonValue or JsonArray))
            {
                return (400, Error($"Missing required parameter: 'messages[{i}].content'.", $"messages[{i}].content", "missing_required_parameter"));
            }
        }

        if (body["response_format"] is { } format && ResponseFormatProblem(format) is { } problem)
        {
            return (400, Error(problem, "response_format", "invalid_value"));
        }

        return (200, null);
    }

    private static string? ResponseFormatProblem(JsonNode format)
    {
        var type = format["type"]?.GetValueKind() == JsonValueKind.String ? format["type"]!.GetValue<string>() : null;
        switch (type)
        {
            case "text" or "json_object":
                return null;
            case "json_schema":
                if (format["json_schema"] is not JsonObject schema)
                {
                    return "Missing required parameter: 'response_format.json_schema'.";
                }

                if (schema["name"]?.GetValueKind() != JsonValueKind.String || !SchemaName().IsMatch(schema["name"]!.GetValue<string>()))
                {
                    return "Invalid 'response_format.json_schema.name': must match ^[a-zA-Z0-9_-]{1,64}$.";
                }

                return schema["schema"] is JsonObject { } body && body["type"]?.ToString() == "object"
                    ? null
                    : "Invalid schema for response_format: the root must be a JSON schema of type 'object'.";
            default:
                return $"Invalid value: '{type}'. Supported values are: 'json_object', 'json_schema', and 'text'.";
        }
    }

    private static JsonObject Error(string message, string? param, string? code) => new()
    {
        ["error"] = new JsonObject { ["message"] = message, ["type"] = "invalid_request_error", ["param"] = param, ["code"] = code },
    };

    private static JsonObject Completion(string content, string model) => new()
    {
        ["id"] = "chatcmpl-" + Guid.NewGuid().ToString("N"),
        ["object"] = "chat.completion",
        ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        ["model"] = model,
        ["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content, ["refusal"] = null },
            ["logprobs"] = null,
            ["finish_reason"] = "stop",
        }),
        ["usage"] = new JsonObject
        {
            ["prompt_tokens"] = 60,
            ["completion_tokens"] = 12,
            ["total_tokens"] = 72,
        },
        ["system_fingerprint"] = "fp_fake",
    };

    [GeneratedRegex("^[a-zA-Z0-9_-]{1,64}$")]
    private static partial Regex SchemaName();
}
