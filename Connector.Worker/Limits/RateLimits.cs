using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Connector.Worker.Limits;

/// <summary>
/// ASP.NET Core's rate limiter on the anonymous surfaces, partitioned per client address: the connection's remote
/// address, which the forwarded-headers middleware has already set from <c>X-Forwarded-For</c> when (and only when)
/// the request came through a trusted proxy (<see cref="Api.ForwardedHeadersTrust"/>), so a caller cannot pick its
/// own partition. Refusals are 429 problem+json with Retry-After.
/// </summary>
public static class RateLimits
{
    /// <summary><c>POST /api/chat/sessions</c>.</summary>
    public const string ChatSessions = "chat-sessions";

    /// <summary>The sign-in form posts.</summary>
    public const string SignIn = "sign-in";

    internal static IServiceCollection AddConnectorRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(ChatSessions, http => PerAddress(http, ChatSessions, o => o.ChatSessions));
            limiter.AddPolicy(SignIn, http => PerAddress(http, SignIn, o => o.SignIn));
            limiter.OnRejected = RefuseAsync;
        });
        return services;
    }

    private static RateLimitPartition<string> PerAddress(HttpContext http, string policy, Func<LimitsOptions, RateLimit> limit)
    {
        var permits = limit(http.RequestServices.GetRequiredService<IOptions<LimitsOptions>>().Value).PermitsPerMinute;
        var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return RateLimitPartition.GetFixedWindowLimiter($"{policy}:{address}", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
    }

    private static async ValueTask RefuseAsync(OnRejectedContext context, CancellationToken ct)
    {
        var http = context.HttpContext;
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        var seconds = (int)Math.Max(1, Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Connector.Worker.Limits")
            .LogWarning("Rate limit reached on {Path} from {Address}; refused for {Seconds} s", http.Request.Path, http.Connection.RemoteIpAddress, seconds);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = $"Too many requests from this address; try again in {seconds} s.",
            },
        });
    }
}
