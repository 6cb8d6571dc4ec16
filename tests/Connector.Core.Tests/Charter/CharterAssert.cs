using Connector.Core.Charter;
using Connector.Core.Routing.Policy;

namespace Connector.Core.Tests.Charter;

/// <summary>Parses a charter written inline as <c>charter.yaml</c> and checks the errors it must produce.</summary>
internal static class CharterAssert
{
    public const string FileName = "charter.yaml";

    public static RoutingPolicy Valid(string yaml) => CharterLoader.Parse(yaml, FileName);

    public static CharterException Invalid(string yaml) => Assert.Throws<CharterException>(() => CharterLoader.Parse(yaml, FileName));

    /// <summary>The charter has exactly one error, and its message line names the file, line, field and problem.</summary>
    public static CharterError SingleError(string yaml, int line, string field, string messagePart)
    {
        var exception = Invalid(yaml);
        var error = Assert.Single(exception.Errors);
        Assert.StartsWith($"{FileName}:{line}:", exception.Message, StringComparison.Ordinal);
        Assert.Contains($": {field}: ", exception.Message, StringComparison.Ordinal);
        Assert.Contains(messagePart, exception.Message, StringComparison.Ordinal);
        Assert.Equal((FileName, line, field), (error.File, error.Line, error.Field));
        return error;
    }
}
