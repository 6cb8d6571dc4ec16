namespace Connector.Core.Customers;

/// <summary>Identity kinds as written in URLs (<c>phone:+44…</c>) and in the database.</summary>
public static class IdentityKindNames
{
    public static IReadOnlyList<string> All { get; } = ["phone", "whatsapp", "email", "chat"];

    public static string ToName(IdentityKind kind) => kind switch
    {
        IdentityKind.Phone => "phone",
        IdentityKind.WhatsApp => "whatsapp",
        IdentityKind.Email => "email",
        IdentityKind.Chat => "chat",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown identity kind."),
    };

    public static bool TryParse(string? name, out IdentityKind kind)
    {
        switch (name?.Trim().ToLowerInvariant())
        {
            case "phone": kind = IdentityKind.Phone; return true;
            case "whatsapp": kind = IdentityKind.WhatsApp; return true;
            case "email": kind = IdentityKind.Email; return true;
            case "chat": kind = IdentityKind.Chat; return true;
            default: kind = default; return false;
        }
    }
}
