using System.Text;
using MimeKit.Text;

namespace Connector.Worker.Email;

/// <summary>
/// Turns the HTML of an HTML-only mail into plain text without the quoted history: blockquotes and the quote
/// containers of Gmail and Yahoo are left out, and reading stops where Outlook starts the mail it answers. What
/// remains goes through <see cref="QuotedHistory"/> like any plain-text mail (for the "On … wrote:" line).
/// </summary>
internal static class HtmlReplyText
{
    private static readonly HashSet<HtmlTagId> Skipped = [HtmlTagId.Head, HtmlTagId.Script, HtmlTagId.Style, HtmlTagId.Title, HtmlTagId.BlockQuote];

    private static readonly HashSet<string> QuoteClasses = new(StringComparer.OrdinalIgnoreCase) { "gmail_quote", "yahoo_quoted" };

    // Outlook puts the answered mail below these, without any blockquote.
    private static readonly HashSet<string> HistoryStartIds = new(StringComparer.OrdinalIgnoreCase) { "divRplyFwdMsg", "appendonsend" };

    private static readonly HashSet<HtmlTagId> LineBreaking =
    [
        HtmlTagId.Br, HtmlTagId.P, HtmlTagId.Div, HtmlTagId.LI, HtmlTagId.TR, HtmlTagId.Table, HtmlTagId.UL, HtmlTagId.OL,
        HtmlTagId.H1, HtmlTagId.H2, HtmlTagId.H3, HtmlTagId.H4, HtmlTagId.H5, HtmlTagId.H6, HtmlTagId.HR, HtmlTagId.Pre,
        HtmlTagId.Address, HtmlTagId.DL, HtmlTagId.DT, HtmlTagId.DD, HtmlTagId.Section, HtmlTagId.Article, HtmlTagId.Header, HtmlTagId.Footer,
    ];

    public static string ToText(string html)
    {
        using var reader = new StringReader(html);
        var tokenizer = new HtmlTokenizer(reader) { DecodeCharacterReferences = true };
        var text = new StringBuilder();
        // The element being left out, and how deeply elements of its kind nest inside it.
        HtmlTagId? skipping = null;
        var skipDepth = 0;
        while (tokenizer.ReadNextToken(out var token))
        {
            if (token is HtmlTagToken tag)
            {
                if (skipping is { } skippedId)
                {
                    if (tag.Id == skippedId && !tag.IsEmptyElement)
                    {
                        skipDepth += tag.IsEndTag ? -1 : 1;
                        skipping = skipDepth == 0 ? null : skipping;
                    }

                    continue;
                }

                if (!tag.IsEndTag && IsHistoryStart(tag))
                {
                    break;
                }

                if (!tag.IsEndTag && !tag.IsEmptyElement && (Skipped.Contains(tag.Id) || IsQuoteContainer(tag)))
                {
                    skipping = tag.Id;
                    skipDepth = 1;
                    continue;
                }

                if (LineBreaking.Contains(tag.Id))
                {
                    text.Append('\n');
                }
            }
            else if (skipping is null && token is HtmlDataToken data && token.Kind == HtmlTokenKind.Data)
            {
                AppendCollapsed(text, data.Data);
            }
        }

        return QuotedHistory.Tidy(text.ToString().Split('\n').Select(l => l.Trim()));
    }

    private static bool IsQuoteContainer(HtmlTagToken tag) =>
        tag.Attributes.Any(a => a.Id == HtmlAttributeId.Class && a.Value is { } classes
            && classes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(QuoteClasses.Contains));

    private static bool IsHistoryStart(HtmlTagToken tag) =>
        tag.Attributes.Any(a => a.Id == HtmlAttributeId.Id && a.Value is { } id && HistoryStartIds.Contains(id));

    /// <summary>Runs of white space are one space in HTML; line breaks come only from the elements.</summary>
    private static void AppendCollapsed(StringBuilder text, string data)
    {
        foreach (var c in data)
        {
            if (char.IsWhiteSpace(c))
            {
                if (text.Length > 0 && text[^1] is not (' ' or '\n'))
                {
                    text.Append(' ');
                }
            }
            else
            {
                text.Append(c);
            }
        }
    }
}
