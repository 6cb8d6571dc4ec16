namespace Connector.Fakes.Crm.Dynamics;

/// <summary>The rows by table and id; a change set takes a snapshot and puts it back when one of its requests fails.</summary>
public sealed class FakeDynamicsStore
{
    private Dictionary<(string Table, Guid Id), FakeDynamicsRecord> _rows = [];
    private long _version = 1000;

    public FakeDynamicsRecord? Find(string table, Guid id) => _rows.GetValueOrDefault((table, id));

    public IEnumerable<FakeDynamicsRecord> OfTable(string table) => _rows.Values.Where(r => r.Table == table).OrderBy(r => r.Version);

    public void Put(FakeDynamicsRecord record)
    {
        record.Version = Interlocked.Increment(ref _version);
        _rows[(record.Table, record.Id)] = record;
    }

    public Dictionary<(string Table, Guid Id), FakeDynamicsRecord> Snapshot() => _rows.ToDictionary(r => r.Key, r => r.Value.Clone());

    public void Restore(Dictionary<(string Table, Guid Id), FakeDynamicsRecord> snapshot) => _rows = snapshot;
}
