namespace Connector.Worker.Staffing;

/// <summary>
/// The textbook M/M/c queue, the yardstick for the simulator. With offered load A = λ·h erlangs (λ arrivals per
/// second, h mean handle seconds) on c agents, A &lt; c:
/// <list type="bullet">
/// <item>Erlang B by the stable recursion B₀ = 1, Bₖ = A·Bₖ₋₁ / (k + A·Bₖ₋₁);</item>
/// <item>P(wait) = ErlangC(c, A) = c·B_c / (c − A·(1 − B_c));</item>
/// <item>service level SL(t) = P(W ≤ t) = 1 − P(wait)·e^{−(c−A)·t/h};</item>
/// <item>average speed of answer ASA = E[W] = P(wait)·h / (c − A).</item>
/// </list>
/// The simulator's tests measure it against this; staffing searches it for the smallest team.
/// </summary>
internal static class ErlangC
{
    public static double ProbabilityOfWaiting(int agents, double erlangs)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(erlangs, agents);
        var b = 1.0;
        for (var k = 1; k <= agents; k++)
        {
            b = erlangs * b / (k + (erlangs * b));
        }

        return agents * b / (agents - (erlangs * (1 - b)));
    }

    public static double ServiceLevel(int agents, double erlangs, double handleSeconds, double targetSeconds) =>
        1 - (ProbabilityOfWaiting(agents, erlangs) * Math.Exp(-(agents - erlangs) * targetSeconds / handleSeconds));

    public static double AverageSpeedOfAnswerSeconds(int agents, double erlangs, double handleSeconds) =>
        ProbabilityOfWaiting(agents, erlangs) * handleSeconds / (agents - erlangs);
}
