using Chain.Core;
using Chain.Core.State;

namespace Chain.Tests.Unit.Core;

/// <summary>Sorting by key prefix (comparison sort or radix sort by size) gives the order of <see cref="ByteArrayComparer"/>.</summary>
public sealed class KeyOrderTests
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 2)]
    [InlineData(255, 3)]
    [InlineData(256, 4)]
    [InlineData(257, 5)]
    [InlineData(5_000, 6)]
    public void Prefix_sort_gives_the_byte_order(int count, int seed)
    {
        var random = new Random(seed);
        var keys = new HashSet<byte[]>(ByteArrayComparer.Instance);
        while (keys.Count < count)
        {
            keys.Add(RandomKey(random));
        }

        var items = keys.ToArray();
        var expected = items.Order(ByteArrayComparer.Instance).ToArray();
        var prefixes = items.Select(k => KeyOrder.Prefix(k)).ToArray();
        var order = Enumerable.Range(0, items.Length).ToArray();
        KeyOrder.Sort(prefixes.AsSpan(), order.AsSpan(), i => items[i]);
        Assert.Equal(expected.Select(Convert.ToHexString), order.Select(i => Convert.ToHexString(items[i])));
        Assert.Equal(order.Select(i => KeyOrder.Prefix(items[i])), prefixes);
    }

    [Fact]
    public void A_shorter_key_sorts_before_the_keys_it_begins()
    {
        byte[][] keys = [[1, 2, 3, 0], [1, 2, 3], [1, 2], [], [1, 2, 3, 0, 0, 0, 0, 0, 0], [1, 2, 3, 0, 0, 0, 0, 0], [0]];
        var prefixes = keys.Select(k => KeyOrder.Prefix(k)).ToArray();
        var order = Enumerable.Range(0, keys.Length).ToArray();
        KeyOrder.Sort(prefixes.AsSpan(), order.AsSpan(), i => keys[i]);
        Assert.Equal(keys.Order(ByteArrayComparer.Instance).Select(Convert.ToHexString), order.Select(i => Convert.ToHexString(keys[i])));
    }

    /// <summary>A mix like a write set's: account-like keys (one tag byte, random bytes), keys sharing long prefixes, short keys.</summary>
    private static byte[] RandomKey(Random random)
    {
        var kind = random.Next(4);
        var key = new byte[kind switch { 0 => 33, 1 => 8 + random.Next(30), 2 => random.Next(9), _ => 12 }];
        random.NextBytes(key);
        if (kind == 0)
        {
            key[0] = 0x01;
        }
        else if (kind == 1)
        {
            // Many keys with the same first eight bytes: settled by the full comparison.
            key.AsSpan(0, 8).Fill(0x07);
        }
        else if (kind == 3)
        {
            key.AsSpan(0, 4).Fill(0x02);
            key[4] = (byte)random.Next(2);
        }

        return key;
    }
}
