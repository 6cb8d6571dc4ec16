namespace Connector.Core.Routing.Engine;

/// <summary>
/// Interns <see cref="CriteriaShape"/>s: the same needs in the same order (explanations list them in that order)
/// and the same language (ignoring case) give the same shape.
/// </summary>
internal sealed class CriteriaShapes
{
    private readonly Dictionary<Key, CriteriaShape> _shapes = [];

    public CriteriaShape Of(SkillNeed[] needs, string? language)
    {
        var key = new Key(needs, language);
        if (!_shapes.TryGetValue(key, out var shape))
        {
            shape = _shapes[key] = new CriteriaShape(_shapes.Count, needs, language);
        }

        return shape;
    }

    /// <summary>The same, for needs in a caller's scratch buffer: copied only when the shape is new.</summary>
    public CriteriaShape Of(ReadOnlyMemory<SkillNeed> needs, string? language) =>
        _shapes.TryGetValue(new Key(needs, language), out var shape) ? shape : Of(needs.ToArray(), language);

    private readonly struct Key(ReadOnlyMemory<SkillNeed> needs, string? language) : IEquatable<Key>
    {
        private readonly ReadOnlyMemory<SkillNeed> _needs = needs;
        private readonly string? _language = language;

        public bool Equals(Key other) =>
            _needs.Span.SequenceEqual(other._needs.Span) && string.Equals(_language, other._language, StringComparison.OrdinalIgnoreCase);

        public override bool Equals(object? obj) => obj is Key other && Equals(other);

        public override int GetHashCode()
        {
            var hash = new HashCode();
            foreach (var need in _needs.Span)
            {
                hash.Add(need.Id);
                hash.Add(need.Level);
            }

            hash.Add(_language is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(_language));
            return hash.ToHashCode();
        }
    }
}
