namespace Connector.Worker.Api;

/// <summary>Puts <see cref="AdminAccess"/> in front of an endpoint group; refusals are ProblemDetails.</summary>
internal sealed class AdminAccessFilter(AdminAccess access) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (access.Allows(context.HttpContext))
        {
            return await next(context);
        }

        return access.KeyConfigured
            ? TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Admin key required", detail: $"Send the configured Api:AdminKey in the {AdminAccess.HeaderName} header.")
            : TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Loopback only", detail: "No Api:AdminKey is configured, so the admin API answers callers on this machine only.");
    }
}
