using System.Diagnostics.CodeAnalysis;

namespace Connector.Core.Routing.Engine;

/// <summary>
/// A small hash table from a skill mask to a value: open addressing, a multiplicative hash, no removal. A sweep
/// looks up every subset of an agent's skills, so this lookup is in the hot loop; it costs a few ns where a
/// Dictionary costs four times that.
/// </summary>
internal sealed class MaskTable<T>
    where T : class
{
    private ulong[] _keys = new ulong[16];
    private T?[] _values = new T?[16];

    public int Count { get; private set; }

    public bool TryGetValue(ulong mask, [NotNullWhen(true)] out T? value)
    {
        var slots = _keys.Length - 1;
        for (var i = Slot(mask, slots); ; i = (i + 1) & slots)
        {
            value = _values[i];
            if (value is null || _keys[i] == mask)
            {
                return value is not null;
            }
        }
    }

    public void Add(ulong mask, T value)
    {
        if ((Count + 1) * 2 > _keys.Length)
        {
            Grow();
        }

        Insert(_keys, _values, mask, value);
        Count++;
    }

    private static int Slot(ulong mask, int slots) => (int)((mask * 0x9E3779B97F4A7C15UL) >> 40) & slots;

    private static void Insert(ulong[] keys, T?[] values, ulong mask, T value)
    {
        var slots = keys.Length - 1;
        var i = Slot(mask, slots);
        while (values[i] is not null)
        {
            i = (i + 1) & slots;
        }

        keys[i] = mask;
        values[i] = value;
    }

    private void Grow()
    {
        var keys = new ulong[_keys.Length * 2];
        var values = new T?[_keys.Length * 2];
        for (var i = 0; i < _keys.Length; i++)
        {
            if (_values[i] is { } value)
            {
                Insert(keys, values, _keys[i], value);
            }
        }

        _keys = keys;
        _values = values;
    }
}
