using Connector.Core.Charter;
using Connector.Core.Routing.Policy;

namespace Connector.Worker.Routing;

/// <summary>
/// Reads the charter named by <c>Charter:Path</c> once, for both its validation at start and the routing policy:
/// the policy, or the errors that stop start-up (each with file, line, column and field, as
/// <see cref="CharterLoader"/> reports them).
/// </summary>
internal sealed class Charter
{
    private readonly Lock _lock = new();
    private (string? Path, CharterReading Reading)? _last;

    public CharterReading Read(string? path)
    {
        lock (_lock)
        {
            if (_last is { } last && last.Path == path)
            {
                return last.Reading;
            }

            var reading = Load(path);
            _last = (path, reading);
            return reading;
        }
    }

    private static CharterReading Load(string? path)
    {
        if (path is null)
        {
            return new CharterReading(RoutingPolicy.Default(), null);
        }

        if (!File.Exists(path))
        {
            return new CharterReading(null, $"Charter:Path: no charter file at {path}; the Worker ships a documented sample as charter.sample.yaml.");
        }

        try
        {
            return new CharterReading(CharterLoader.Load(path), null);
        }
        catch (CharterException ex)
        {
            return new CharterReading(null, $"Charter:Path: the charter has errors:{Environment.NewLine}{ex.Message}");
        }
    }
}

/// <summary>A charter's routing policy, or why there is none.</summary>
internal sealed record CharterReading(RoutingPolicy? Policy, string? Error);
