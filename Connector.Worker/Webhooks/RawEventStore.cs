using Connector.Core.Compliance;
using Connector.Core.Intake;
using Connector.Worker.Storage;
using Dapper;

namespace Connector.Worker.Webhooks;

/// <summary>Keeps each delivered event once, by its id, as it came but with its text redacted (<see cref="RawEventRedaction"/>).</summary>
internal sealed class RawEventStore(SqlDialect dialect, SensitiveDataRedactor redactor)
{
    /// <summary>The event as it is kept, for intake to write in its own transaction.</summary>
    public InboundRawEvent Redacted(ReceivedEvent e, string source) => new(e.Id, e.Type, source, RawEventRedaction.Redact(e.Raw, redactor));

    /// <summary>False when the event was already kept (a redelivery).</summary>
    public async Task<bool> KeepAsync(ReceivedEvent e, string source, DateTimeOffset at, CancellationToken ct)
    {
        var body = RawEventRedaction.Redact(e.Raw, redactor);
        await using var connection = await dialect.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO raw_events (event_id, event_type, source, received_at, body) VALUES (@Id, @Type, @source, @at, @Raw) ON CONFLICT (event_id) DO NOTHING",
            new { e.Id, e.Type, source, at, Raw = body }, cancellationToken: ct)) == 1;
    }

    public async Task<int> CountAsync(CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT COUNT(*) FROM raw_events", cancellationToken: ct));
    }
}
