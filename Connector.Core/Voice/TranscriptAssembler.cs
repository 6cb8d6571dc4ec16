using System.Globalization;
using System.Text;

namespace Connector.Core.Voice;

/// <summary>
/// Puts a call's transcription fragments in time order, one line per phrase, each with its offset and a speaker
/// label (<c>[00:01:05] Agent (Ana): …</c>). Fragments arrive over a socket, possibly twice: a repeat of the same
/// phrase at the same offset is dropped.
/// </summary>
public static class TranscriptAssembler
{
    /// <param name="labels">Speaker raw id → label (Caller, Agent (name)); unknown speakers are "Participant n".</param>
    public static string Assemble(IEnumerable<TranscriptFragment> fragments, IReadOnlyDictionary<string, string> labels)
    {
        var others = new Dictionary<string, string>(StringComparer.Ordinal);
        var text = new StringBuilder();
        foreach (var f in fragments.DistinctBy(f => (f.Offset, f.Speaker, f.Text)).OrderBy(f => f.Offset).ThenBy(f => f.Speaker, StringComparer.Ordinal))
        {
            if (!labels.TryGetValue(f.Speaker, out var label) && !others.TryGetValue(f.Speaker, out label))
            {
                label = $"Participant {others.Count + 1}";
                others[f.Speaker] = label;
            }

            text.Append('[').Append(f.Offset.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture)).Append("] ")
                .Append(label).Append(": ").Append(f.Text.Trim()).Append('\n');
        }

        return text.ToString();
    }
}
