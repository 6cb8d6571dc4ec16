using Microsoft.Extensions.Http;

namespace Connector.Worker.Hosting.Reachability;

/// <summary>
/// Puts an <see cref="OutsideCallHandler"/> outermost on every HTTP client that calls an outside service
/// (<see cref="OutsideCalls.ServiceOf"/>), whichever project registered the client, so no adapter has to remember it.
/// </summary>
internal sealed class OutsideCallFilter(OutsideCalls calls, TimeProvider time) : IHttpMessageHandlerBuilderFilter
{
    public Action<HttpMessageHandlerBuilder> Configure(Action<HttpMessageHandlerBuilder> next) => builder =>
    {
        next(builder);
        if (builder.Name is { } name && OutsideCalls.ServiceOf(name) is { } service)
        {
            builder.AdditionalHandlers.Insert(0, new OutsideCallHandler(calls, service, time));
        }
    };
}
