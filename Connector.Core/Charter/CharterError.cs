namespace Connector.Core.Charter;

/// <summary>One mistake in a charter, located like a compiler error so an editor can jump to it.</summary>
/// <param name="Line">1-based; 0 when the error concerns the whole file (it cannot be read).</param>
/// <param name="Field">The dotted path of the field, e.g. <c>queues.billing.steps[1].minProficiency</c>.</param>
public sealed record CharterError(string File, int Line, int Column, string Field, string Message)
{
    public override string ToString()
    {
        var where = Line > 0 ? $"{File}:{Line}:{Column}" : File;
        return Field.Length > 0 ? $"{where}: {Field}: {Message}" : $"{where}: {Message}";
    }
}
