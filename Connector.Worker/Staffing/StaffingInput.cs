using System.Globalization;
using Connector.Core;
using Connector.Core.Channels;
using Connector.Core.Routing.Policy;

namespace Connector.Worker.Staffing;

/// <summary>
/// Reads a <see cref="StaffingRequest"/> from text, as the <c>staff</c> verb and <c>GET /api/staffing</c> receive
/// it, keeping every bad value with the field it came in so the caller fixes them all at once. The field names are
/// the caller's (the API's query names, the verb's options).
/// </summary>
internal sealed class StaffingInput
{
    /// <summary>No agent holds more contacts than this at once; a larger figure is a typo.</summary>
    public const int MaxConcurrency = 100;

    private readonly Dictionary<string, string[]> _errors = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string[]> Errors => _errors;

    /// <summary>The fields, in the caller's names, read in the order given.</summary>
    public sealed record Fields(string Channel, string PerHour, string Handle, string ServiceLevel, string Within, string Concurrency, string MaxOccupancy);

    /// <summary>The request, or null with <see cref="Errors"/> saying why. Concurrency defaults to what the standard capacity profile allows.</summary>
    public StaffingRequest? Read(Fields names, string? channel, string? perHour, string? handle, string? serviceLevel, string? within, string? concurrency, string? maxOccupancy)
    {
        ArgumentNullException.ThrowIfNull(names);
        Channel? parsed = null;
        if (string.IsNullOrEmpty(channel))
        {
            Fail(names.Channel, $"is required: one of {WireNames.Allowed<Channel>()}.");
        }
        else if (WireNames.TryParse<Channel>(channel, out var c))
        {
            parsed = c;
        }
        else
        {
            Fail(names.Channel, $"'{Shorten(channel)}' is not one of {WireNames.Allowed<Channel>()}.");
        }

        var arrivals = Number(names.PerHour, perHour, required: true, v => v >= 0, "must be a number of contacts per hour, 0 or more");
        var handleSeconds = Number(names.Handle, handle, required: true, v => v > 0, "must be the mean handle time in seconds, more than 0");
        var level = Number(names.ServiceLevel, serviceLevel, required: false, v => v is > 0 and < 1, "must be a share between 0 and 1 (e.g. 0.8), neither 0 nor 1") ?? 0.8;
        var withinSeconds = Number(names.Within, within, required: true, v => v >= 0, "must be the answer target in seconds, 0 or more");
        var ceiling = Number(names.MaxOccupancy, maxOccupancy, required: false, v => v is > 0 and <= 1, "must be a share above 0 and at most 1 (e.g. 0.85)");
        int? places = null;
        if (!string.IsNullOrEmpty(concurrency))
        {
            if (int.TryParse(concurrency, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= MaxConcurrency)
            {
                places = n;
            }
            else
            {
                Fail(names.Concurrency, $"must be a whole number from 1 to {MaxConcurrency} (got '{Shorten(concurrency)}').");
            }
        }

        if (_errors.Count > 0 || parsed is not { } ch || arrivals is not { } a || handleSeconds is not { } h || withinSeconds is not { } w)
        {
            return null;
        }

        return new StaffingRequest(ch, a, h, level, w, places ?? StaffingPlanner.ConcurrencyOf(CapacityProfile.Standard, ch), ceiling);
    }

    private double? Number(string field, string? value, bool required, Func<double, bool> valid, string rule)
    {
        if (string.IsNullOrEmpty(value))
        {
            if (required)
            {
                Fail(field, $"is required: it {rule}.");
            }

            return null;
        }

        if (double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number) && valid(number))
        {
            return number;
        }

        Fail(field, $"{rule} (got '{Shorten(value)}').");
        return null;
    }

    private void Fail(string field, string message) => _errors[field] = [message];

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
