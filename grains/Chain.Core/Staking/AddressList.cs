using Chain.Protocol.Crypto;
using Chain.Protocol.Encoding;

namespace Chain.Core.Staking;

/// <summary>
/// A bounded set of addresses kept sorted ascending by address bytes: the validator registry and each
/// delegator's index. Encoding: <c>count u32 | address 20*</c>, strictly ascending.
/// </summary>
public sealed class AddressList
{
    private readonly Address[] _items;

    private AddressList(Address[] sortedItems) => _items = sortedItems;

    public static AddressList Empty { get; } = new([]);

    public IReadOnlyList<Address> Items => _items;

    public int Count => _items.Length;

    public bool Contains(Address address) => Array.BinarySearch(_items, address) >= 0;

    public AddressList With(Address address)
    {
        var index = Array.BinarySearch(_items, address);
        if (index >= 0)
        {
            return this;
        }

        var list = new List<Address>(_items);
        list.Insert(~index, address);
        return new AddressList([.. list]);
    }

    public AddressList Without(Address address)
    {
        var index = Array.BinarySearch(_items, address);
        if (index < 0)
        {
            return this;
        }

        var list = new List<Address>(_items);
        list.RemoveAt(index);
        return new AddressList([.. list]);
    }

    public static AddressList Of(IEnumerable<Address> addresses) => new([.. addresses.Distinct().Order()]);

    public byte[] Encode()
    {
        var w = new CanonicalWriter(4 + (_items.Length * Address.Size));
        w.WriteU32((uint)_items.Length);
        foreach (var a in _items)
        {
            w.WriteFixed(a.ToArray());
        }

        return w.ToArray();
    }

    public static AddressList Decode(ReadOnlySpan<byte> bytes, int maxCount)
    {
        var r = new CanonicalReader(bytes);
        var count = r.ReadCount(maxCount, Address.Size);
        var items = new Address[count];
        for (var i = 0; i < count; i++)
        {
            items[i] = new Address(r.ReadFixed(Address.Size));
            if (i > 0 && items[i] <= items[i - 1])
            {
                throw new DecodeException("addresses must be strictly ascending");
            }
        }

        r.EnsureEnd();
        return new AddressList(items);
    }
}
