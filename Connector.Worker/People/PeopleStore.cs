using System.Text.Json;
using Connector.Worker.Storage;
using Dapper;

namespace Connector.Worker.People;

/// <summary>The <c>people</c> table (migration 0015): each agent record's sign-in links and supervised queues.</summary>
internal sealed class PeopleStore(SqlDialect dialect)
{
    public async Task<Person?> GetAsync(string agentId, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            "SELECT agent_id, email, subject, supervises FROM people WHERE agent_id = @agentId", new { agentId }, cancellationToken: ct));
        return row?.ToPerson();
    }

    /// <summary>Sets what is given (null keeps what is stored); an email is kept in lower case.</summary>
    public async Task<Person> SaveAsync(string agentId, string? email, IReadOnlyList<string>? supervises, DateTimeOffset at, CancellationToken ct)
    {
        var existing = await GetAsync(agentId, ct);
        var person = new Person(agentId, email?.Trim().ToLowerInvariant() ?? existing?.Email, existing?.Subject, supervises ?? existing?.Supervises ?? []);
        await using var connection = await dialect.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO people (agent_id, email, subject, supervises, updated_at) VALUES (@AgentId, @Email, @Subject, @supervises, @at)
            ON CONFLICT (agent_id) DO UPDATE SET email = excluded.email, supervises = excluded.supervises, updated_at = excluded.updated_at
            """,
            new { person.AgentId, person.Email, person.Subject, supervises = JsonSerializer.Serialize(person.Supervises), at }, cancellationToken: ct));
        return person;
    }

    /// <summary>
    /// The agent a signed-in person works as: the one already linked to their IdP subject, else the one whose email
    /// they signed in with, which is then linked to the subject so that a later change of email keeps the link.
    /// </summary>
    public async Task<string?> FindAgentAsync(string? subject, string? email, DateTimeOffset at, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        if (subject is { Length: > 0 } && await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
                "SELECT agent_id FROM people WHERE subject = @subject", new { subject }, cancellationToken: ct)) is { } bySubject)
        {
            return bySubject;
        }

        if (email is not { Length: > 0 })
        {
            return null;
        }

        var byEmail = await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT agent_id FROM people WHERE email = @email", new { email = email.Trim().ToLowerInvariant() }, cancellationToken: ct));
        if (byEmail is not null && subject is { Length: > 0 })
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE people SET subject = @subject, updated_at = @at WHERE agent_id = @byEmail AND subject IS NULL", new { subject, at, byEmail }, cancellationToken: ct));
        }

        return byEmail;
    }

    private sealed class Row
    {
        public string AgentId { get; set; } = "";
        public string? Email { get; set; }
        public string? Subject { get; set; }
        public string Supervises { get; set; } = "[]";

        public Person ToPerson() => new(AgentId, Email, Subject, JsonSerializer.Deserialize<List<string>>(Supervises) ?? []);
    }
}
