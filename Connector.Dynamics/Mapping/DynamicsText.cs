namespace Connector.Dynamics.Mapping;

/// <summary>Dataverse refuses a text longer than its column (subject 200, description 2000 on activities): cut, with a mark.</summary>
internal static class DynamicsText
{
    public const int SubjectLength = 200;
    public const int DescriptionLength = 2000;

    public static string? Cut(string? text, int length, string mark = "…")
    {
        if (text is null || text.Length <= length)
        {
            return text;
        }

        return text[..(length - mark.Length)] + mark;
    }
}
