using Connector.Core.Channels;

namespace Connector.Core.Qa;

/// <summary>One question of a form, answered by a rule, a metric or the AI.</summary>
/// <param name="Id">Unique within its form: the name reports and the CRM line use.</param>
/// <param name="Choices">Answer → score; rules and metrics answer <see cref="Yes"/> or <see cref="No"/>.</param>
/// <param name="AllowNa">
/// Whether an interaction that gives the question nothing to judge (no agent turn, no SLA) leaves it out of the total;
/// when false it scores as <see cref="No"/>. A question not asked on the channel, or one for the AI without an AI
/// service, is N/A either way: it was not asked.
/// </param>
/// <param name="Channels">The channels it is asked on (default: all of the form's).</param>
public sealed record FormQuestion(
    string Id, string Text, double Weight, IReadOnlyDictionary<string, double> Choices, bool AllowNa, QuestionAnswerer Answerer, IReadOnlyList<Channel> Channels)
{
    public const string Yes = "yes";
    public const string No = "no";

    public static readonly IReadOnlyDictionary<string, double> YesNo = new Dictionary<string, double>(StringComparer.Ordinal) { [Yes] = 100, [No] = 0 };

    /// <summary>The share of <see cref="Weight"/> an answer earns: its score over the best choice's.</summary>
    public double Share(string choice)
    {
        var best = Choices.Values.Max();
        return best <= 0 ? 0 : Choices[choice] / best;
    }
}
