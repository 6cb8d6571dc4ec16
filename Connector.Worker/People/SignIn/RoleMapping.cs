using System.Security.Claims;
using System.Text.Json;

namespace Connector.Worker.People.SignIn;

/// <summary>
/// The provider's groups or roles, as our roles (<see cref="OidcOptions.Roles"/>). Providers carry them differently:
/// one claim per value (a JSON array in the token), one value holding a JSON array, or an array inside a JSON object
/// (Keycloak's <c>realm_access.roles</c>); all three are read. Values compare without case (group names are typed by
/// people; ids are GUIDs).
/// </summary>
internal static class RoleMapping
{
    public static IReadOnlyList<string> RolesOf(ClaimsPrincipal person, OidcOptions options)
    {
        var values = ValuesOf(person, options.RoleClaim).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var roles = new List<string>();
        AddIfAny(roles, Roles.Agent, options.Roles.Agent, values);
        AddIfAny(roles, Roles.Supervisor, options.Roles.Supervisor, values);
        AddIfAny(roles, Roles.Admin, options.Roles.Admin, values);
        return roles;
    }

    /// <summary>The values of a claim, or of a dotted path into a JSON claim (<c>realm_access.roles</c>).</summary>
    public static IEnumerable<string> ValuesOf(ClaimsPrincipal person, string claimPath)
    {
        var dot = claimPath.IndexOf('.', StringComparison.Ordinal);
        var direct = person.FindAll(claimPath).ToList();
        if (direct.Count > 0 || dot < 0)
        {
            return direct.SelectMany(c => Flatten(c.Value));
        }

        // Only when no claim has the whole name: namespaced claims (https://example.com/roles) contain dots too.
        var path = claimPath[(dot + 1)..].Split('.');
        return person.FindAll(claimPath[..dot]).SelectMany(c => Follow(c.Value, path));
    }

    private static void AddIfAny(List<string> roles, string role, List<string> mapped, HashSet<string> values)
    {
        if (mapped.Any(values.Contains))
        {
            roles.Add(role);
        }
    }

    private static List<string> Flatten(string value)
    {
        if (!value.StartsWith('['))
        {
            return [value];
        }

        try
        {
            using var json = JsonDocument.Parse(value);
            return Strings(json.RootElement).ToList();
        }
        catch (JsonException)
        {
            // A plain value that happens to start with '['.
            return [value];
        }
    }

    private static List<string> Follow(string value, string[] path)
    {
        try
        {
            using var json = JsonDocument.Parse(value);
            var at = json.RootElement;
            foreach (var step in path)
            {
                if (at.ValueKind != JsonValueKind.Object || !at.TryGetProperty(step, out at))
                {
                    return [];
                }
            }

            return Strings(at).ToList();
        }
        catch (JsonException)
        {
            // Not a JSON claim: the path leads nowhere.
            return [];
        }
    }

    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Array => element.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!),
        JsonValueKind.String => [element.GetString()!],
        _ => [],
    };
}
