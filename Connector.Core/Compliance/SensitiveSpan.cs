namespace Connector.Core.Compliance;

/// <summary>One value found in a text: where it is and what replaces it.</summary>
public readonly record struct SensitiveSpan(int Start, int Length, string Mask)
{
    public int End => Start + Length;
}
