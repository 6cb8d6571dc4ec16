namespace Connector.Core.Compliance;

/// <summary>
/// Digits written together: a run of digits ("4111"), or a spoken digit ("four", "double one"), with where it stands in
/// the text. Card numbers are looked for over whole groups only, so a date or an expiry beside a card is never mistaken
/// for its first or last digits.
/// </summary>
internal readonly record struct DigitGroup(int Start, int End, string Digits);
