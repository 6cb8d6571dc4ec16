using Microsoft.Extensions.Options;

namespace Connector.Worker.Routing;

/// <summary>Reads the charter at start, so that its errors stop the Worker before anything is routed.</summary>
internal sealed class CharterOptionsValidator(Charter charter) : IValidateOptions<CharterOptions>
{
    public ValidateOptionsResult Validate(string? name, CharterOptions options) =>
        charter.Read(options.FullPath).Error is { } error ? ValidateOptionsResult.Fail(error) : ValidateOptionsResult.Success;
}
