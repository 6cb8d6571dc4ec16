namespace Connector.Worker.People;

/// <summary>
/// What a person or key may do, widest last: an agent works their own offers, tasks, conversations and calls; a
/// supervisor also watches and steers their queues; an admin configures everything. The names are the wire names
/// (API keys' <c>role</c>, the role mapping of sign-in).
/// </summary>
public static class Roles
{
    public const string Agent = "agent";
    public const string Supervisor = "supervisor";
    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } = [Agent, Supervisor, Admin];

    public static bool TryParse(string? value, out string role)
    {
        role = All.FirstOrDefault(r => string.Equals(r, value?.Trim(), StringComparison.OrdinalIgnoreCase)) ?? "";
        return role.Length > 0;
    }
}
