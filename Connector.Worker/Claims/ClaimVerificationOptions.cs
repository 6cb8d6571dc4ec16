using Microsoft.Extensions.Options;

namespace Connector.Worker.Claims;

/// <summary>Configuration section <c>Chat:Verification</c>: how a claimed phone or email is proven by a one-time code.</summary>
public sealed class ClaimVerificationOptions
{
    public const string Section = "Chat:Verification";

    /// <summary>How long a code is good for.</summary>
    public TimeSpan CodeLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Guesses allowed per code; then a new code must be asked for.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Codes sent to one phone number or address per hour, whoever asks: nobody uses the connector to flood a stranger.</summary>
    public int MaxCodesPerIdentityPerHour { get; set; } = 3;

    /// <summary>
    /// The name of one of <c>Acs:WhatsApp:Templates</c> (an approved authentication template whose body parameter
    /// {{1}} is the code): how a claimed phone gets its code. Absent: phones are confirmed by agents only.
    /// </summary>
    public string? WhatsAppTemplate { get; set; }
}

internal sealed class ClaimVerificationOptionsValidator : IValidateOptions<ClaimVerificationOptions>
{
    public ValidateOptionsResult Validate(string? name, ClaimVerificationOptions options)
    {
        var problems = new List<string>();
        if (options.CodeLifetime <= TimeSpan.Zero || options.CodeLifetime > TimeSpan.FromHours(1))
        {
            problems.Add($"{ClaimVerificationOptions.Section}:CodeLifetime must be more than zero and at most 01:00:00; got {options.CodeLifetime}.");
        }

        if (options.MaxAttempts is < 1 or > 10)
        {
            problems.Add($"{ClaimVerificationOptions.Section}:MaxAttempts must be 1 to 10; got {options.MaxAttempts}.");
        }

        if (options.MaxCodesPerIdentityPerHour is < 1 or > 20)
        {
            problems.Add($"{ClaimVerificationOptions.Section}:MaxCodesPerIdentityPerHour must be 1 to 20; got {options.MaxCodesPerIdentityPerHour}.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
