namespace Connector.Worker.Retention;

/// <summary>Configuration section <c>Retention</c>: what the retention job keeps that is nobody's personal data, so not the charter's.</summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>
    /// How far back agents' presence changes (<c>agent_presence_log</c>) are kept: the KPIs' logged-in time can be asked for
    /// this far back. Each agent's last change before the window stays, as it says who was online when the window starts.
    /// </summary>
    public TimeSpan PresenceLogWindow { get; set; } = TimeSpan.FromDays(400);
}
