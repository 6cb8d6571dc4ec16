using Connector.Core.Channels;

namespace Connector.Core.Qa;

/// <summary>
/// A QA evaluation form from the charter's <c>qa:</c> section: sections of weighted questions, run over every
/// interaction of the channels and queues it names once the agent's work ends.
/// </summary>
/// <param name="Queues">The queues whose work it scores; empty: every queue.</param>
public sealed record EvaluationForm(string Name, IReadOnlyList<Channel> Channels, IReadOnlyList<string> Queues, IReadOnlyList<FormSection> Sections)
{
    public bool AppliesTo(Channel channel, string? queue) =>
        Channels.Contains(channel) && (Queues.Count == 0 || (queue is not null && Queues.Contains(queue)));

    public IEnumerable<FormQuestion> Questions => Sections.SelectMany(s => s.Questions);
}

/// <summary>A named group of questions (opening, compliance, resolution, closing); its score is its questions'.</summary>
public sealed record FormSection(string Name, IReadOnlyList<FormQuestion> Questions);
