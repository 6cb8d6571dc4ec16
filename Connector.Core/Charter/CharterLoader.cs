using Connector.Core.Routing.Policy;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Connector.Core.Charter;

/// <summary>
/// Turns the routing charter (the admin's one-page YAML) into a <see cref="RoutingPolicy"/>. Whatever the charter
/// leaves out keeps the value of <see cref="RoutingPolicy.Default"/>; every mistake is reported at once, each with
/// its file, line, column and field, in one <see cref="CharterException"/>.
/// </summary>
public static class CharterLoader
{
    public static RoutingPolicy Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string yaml;
        try
        {
            yaml = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CharterException([new CharterError(path, 0, 0, "", $"cannot be read: {e.Message}")]);
        }

        return Parse(yaml, path);
    }

    /// <param name="fileName">Named in every error, so the admin knows which file to open.</param>
    public static RoutingPolicy Parse(string yaml, string fileName)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(fileName);
        var reader = new CharterReader(fileName);
        var draft = new CharterDraft();
        var documents = ReadDocuments(yaml, fileName);
        if (documents.Count > 0)
        {
            CharterSections.Read(reader, documents[0].RootNode, draft);
        }

        foreach (var ignored in documents.Skip(1))
        {
            reader.Error(ignored.RootNode, "", "a charter is one YAML document; remove the '---' before this one");
        }

        var policy = draft.ToPolicy(reader);
        reader.ThrowIfAny();
        return policy;
    }

    /// <summary>YAML that does not parse stops here: nothing after a syntax error can be trusted.</summary>
    private static IList<YamlDocument> ReadDocuments(string yaml, string fileName)
    {
        using var text = new StringReader(yaml);
        var parser = new Parser(text);
        var stream = new YamlStream();
        try
        {
            stream.Load(parser);
            return stream.Documents;
        }
        catch (YamlException e)
        {
            throw Syntax(fileName, e.Start, e.Message);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet fails this way on some unclosed flow collections; the last event it read is the best place.
            throw Syntax(fileName, parser.Current?.End ?? Mark.Empty, "the YAML cannot be parsed after this point (an unclosed [ or {?)");
        }
    }

    private static CharterException Syntax(string fileName, Mark at, string message) =>
        new([new CharterError(fileName, (int)at.Line, (int)at.Column, "", $"YAML syntax error: {message}")]);
}
