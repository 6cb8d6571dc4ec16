using System.Text.RegularExpressions;

namespace Connector.Worker.Email;

/// <summary>Subjects of replies: "Re: {subject}" once, however many rounds the thread has had.</summary>
internal static partial class MailSubject
{
    /// <summary>"Re: {subject}" without stacking prefixes ("Re: Re:", "RE:", "Re[2]:", "AW:", "SV:"); null when there is no subject.</summary>
    public static string? ReplyTo(string? subject)
    {
        var topic = TopicOf(subject);
        return topic is null ? null : "Re: " + topic;
    }

    /// <summary>The subject without reply prefixes and outer blanks; null when nothing is left.</summary>
    public static string? TopicOf(string? subject)
    {
        if (string.IsNullOrWhiteSpace(subject))
        {
            return null;
        }

        var topic = ReplyPrefixes().Replace(subject.Trim(), "").Trim();
        return topic.Length == 0 ? null : topic;
    }

    [GeneratedRegex(@"^(?:\s*(?:re|aw|sv)\s*(?:\[\d+\])?\s*:\s*)+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ReplyPrefixes();
}
