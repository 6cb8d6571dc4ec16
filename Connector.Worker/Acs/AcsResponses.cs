using Connector.Worker.Acs.Wire;

namespace Connector.Worker.Acs;

/// <summary>Turns ACS answers into results or into <see cref="AcsRequestFailedException"/>.</summary>
internal static class AcsResponses
{
    public static async Task EnsureSuccessAsync(HttpResponseMessage response, string operation, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw await AcsRequestFailedException.FromResponseAsync(response, operation, cancellationToken);
        }
    }

    public static async Task<T> ReadAsync<T>(HttpResponseMessage response, string operation, CancellationToken cancellationToken)
    {
        await EnsureSuccessAsync(response, operation, cancellationToken);
        return await response.Content.ReadFromJsonAsync<T>(AcsJson.Options, cancellationToken)
            ?? throw Malformed(response, operation, "an empty body");
    }

    /// <summary>A success answer without the fields the contract promises: reported at the boundary, not as a null later.</summary>
    public static AcsRequestFailedException Malformed(HttpResponseMessage response, string operation, string what) =>
        new(response.StatusCode, "MalformedResponse", $"ACS {operation} answered {(int)response.StatusCode} with {what}.");

    public static JsonContent Json<T>(T body) => JsonContent.Create(body, options: AcsJson.Options);
}
