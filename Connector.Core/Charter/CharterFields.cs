using System.Diagnostics.CodeAnalysis;
using YamlDotNet.RepresentationModel;

namespace Connector.Core.Charter;

/// <summary>The known keys of one charter mapping, so a reader asks for a key and gets its node and dotted path.</summary>
public sealed class CharterFields(string field, IReadOnlyDictionary<string, YamlNode> fields)
{
    public bool TryGet(string key, [MaybeNullWhen(false)] out YamlNode node, out string path)
    {
        path = CharterReader.Path(field, key);
        return fields.TryGetValue(key, out node);
    }
}
