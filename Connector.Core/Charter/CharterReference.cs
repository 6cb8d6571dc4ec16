using YamlDotNet.RepresentationModel;

namespace Connector.Core.Charter;

/// <summary>A name that must resolve to a queue or journey; checked once the whole charter is read.</summary>
/// <param name="Hint">Why this name, when the admin did not write it (a journey's queue defaults to its own name).</param>
internal sealed record CharterReference(string Target, YamlNode At, string Field, string? Hint = null);
