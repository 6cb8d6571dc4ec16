using System.Security.Claims;
using Connector.Worker.People.SignIn;

namespace Connector.Worker.Tests.People;

/// <summary>How each provider's way of carrying groups and roles becomes our roles (<see cref="RoleMapping"/>).</summary>
public sealed class RoleMappingTests
{
    [Fact]
    public void One_claim_per_group_as_okta_and_entra_send_them_maps_each_group_and_ignores_case()
    {
        var person = Person(new Claim("groups", "Connector-Agents"), new Claim("groups", "everyone"), new Claim("groups", "connector-admins"));
        Assert.Equal(["agent", "admin"], RoleMapping.RolesOf(person, Options("groups", agent: "connector-agents", admin: "Connector-Admins")));
    }

    [Fact]
    public void Keycloaks_realm_roles_are_read_by_a_path_into_the_json_claim()
    {
        var person = Person(new Claim("realm_access", """{"roles":["offline_access","connector-supervisor"]}""", "JSON"));
        Assert.Equal(["supervisor"], RoleMapping.RolesOf(person, Options("realm_access.roles", supervisor: "connector-supervisor")));
    }

    [Fact]
    public void A_salesforce_custom_attribute_holding_one_string_is_read_by_its_path()
    {
        var person = Person(new Claim("custom_attributes", """{"connector_role":"admin"}""", "JSON"));
        Assert.Equal(["admin"], RoleMapping.RolesOf(person, Options("custom_attributes.connector_role", admin: "admin")));
    }

    [Fact]
    public void A_namespaced_claim_with_dots_in_its_name_is_read_as_a_whole_and_a_json_array_value_is_flattened()
    {
        var person = Person(new Claim("https://connector.example/roles", """["agent","supervisor"]"""));
        Assert.Equal(["agent", "supervisor"], RoleMapping.RolesOf(person, Options("https://connector.example/roles", agent: "agent", supervisor: "supervisor")));
    }

    [Fact]
    public void A_person_with_no_mapped_value_or_without_the_claim_gets_no_role()
    {
        Assert.Empty(RoleMapping.RolesOf(Person(new Claim("groups", "contractors")), Options("groups", agent: "agents")));
        Assert.Empty(RoleMapping.RolesOf(Person(new Claim("email", "x@example.com")), Options("groups", agent: "agents")));
        Assert.Empty(RoleMapping.RolesOf(Person(new Claim("realm_access", "not json")), Options("realm_access.roles", agent: "agents")));
    }

    private static ClaimsPrincipal Person(params Claim[] claims) => new(new ClaimsIdentity(claims, "test"));

    private static OidcOptions Options(string roleClaim, string? agent = null, string? supervisor = null, string? admin = null) => new()
    {
        RoleClaim = roleClaim,
        Roles = new OidcRoleMap
        {
            Agent = agent is null ? [] : [agent],
            Supervisor = supervisor is null ? [] : [supervisor],
            Admin = admin is null ? [] : [admin],
        },
    };
}
