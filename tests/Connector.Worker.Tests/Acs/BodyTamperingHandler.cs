using System.Text;

namespace Connector.Worker.Tests.Acs;

/// <summary>Placed after the signer: swaps the signed body for another, as a meddling proxy would.</summary>
public sealed class BodyTamperingHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is { } content)
        {
            var text = await content.ReadAsStringAsync(cancellationToken);
            var tampered = new StringContent(text.Replace("}", ",\"tampered\":true}", StringComparison.Ordinal), Encoding.UTF8);
            tampered.Headers.ContentType = content.Headers.ContentType;
            request.Content = tampered;
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
