namespace Connector.Benchmarks;

/// <summary>A set of task ids with O(1) add, remove and random pick (swap-remove).</summary>
public sealed class IdPool
{
    private readonly List<Guid> _items = [];
    private readonly Dictionary<Guid, int> _positions = [];

    public int Count => _items.Count;

    public void Add(Guid id)
    {
        if (_positions.TryAdd(id, _items.Count))
        {
            _items.Add(id);
        }
    }

    public bool Remove(Guid id)
    {
        if (!_positions.Remove(id, out var position))
        {
            return false;
        }

        var last = _items[^1];
        _items.RemoveAt(_items.Count - 1);
        if (position < _items.Count)
        {
            _items[position] = last;
            _positions[last] = position;
        }

        return true;
    }

    public Guid TakeRandom(Random random)
    {
        var id = _items[random.Next(_items.Count)];
        Remove(id);
        return id;
    }
}
