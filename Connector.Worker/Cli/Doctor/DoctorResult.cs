namespace Connector.Worker.Cli.Doctor;

/// <summary>One line of <c>doctor</c>: passed (✓), failed (✗, with the fix in words) or not configured (–, nothing to check).</summary>
internal sealed record DoctorResult(string Check, DoctorOutcome Outcome, string Detail, string? Fix = null)
{
    public static DoctorResult Passed(string check, string detail) => new(check, DoctorOutcome.Passed, detail);

    public static DoctorResult Failed(string check, string detail, string fix) => new(check, DoctorOutcome.Failed, detail, fix);

    public static DoctorResult NotConfigured(string check, string detail) => new(check, DoctorOutcome.NotConfigured, detail);

    public override string ToString() => Outcome switch
    {
        DoctorOutcome.Passed => $"✓ {Check}: {Detail}",
        DoctorOutcome.Failed => $"✗ {Check}: {Detail}{Environment.NewLine}    fix: {Fix}",
        _ => $"– {Check}: {Detail}",
    };
}

internal enum DoctorOutcome
{
    Passed,
    Failed,
    NotConfigured,
}
