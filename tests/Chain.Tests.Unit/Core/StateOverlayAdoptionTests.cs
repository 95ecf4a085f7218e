using Chain.Core;
using Chain.Core.State;
using Chain.Protocol.Crypto;
using Chain.Protocol.Proofs;

namespace Chain.Tests.Unit.Core;

/// <summary>
/// A sorted write set adopted whole (<see cref="StateOverlay.AdoptSorted"/>) leaves the overlay as setting each of its writes
/// would: the same reads, the same writes taken by prefix, the same write set, before and after later writes and deferred fees.
/// </summary>
public sealed class StateOverlayAdoptionTests
{
    private static readonly byte[] Prefix = [0x50, 0x01];

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    [InlineData(3, false)]
    [InlineData(4, true)]
    [InlineData(5, false)]
    [InlineData(6, true)]
    public void Adopting_sorted_writes_is_setting_them(int seed, bool proposerAdopted)
    {
        var random = new Random(seed);
        var committed = new MemoryLedger();
        var proposer = new Address([.. Enumerable.Repeat((byte)0xAB, Address.Size)]);
        var proposerKey = StateKeys.Account(proposer);
        var keys = Enumerable.Range(0, 900).Select(i => Key(random, i)).Append(proposerKey).ToArray();
        committed.Commit([.. keys.Where((_, i) => i % 3 == 0).Select(k => new StateChange(k, k.AsSpan().SequenceEqual(proposerKey) ? AccountStore.Encode(new AccountState(100, 0)) : Value(random)))]);
        // The proposer's account is read and written as an account when fees are settled.
        byte[]? ValueOf(byte[] key) => key.AsSpan().SequenceEqual(proposerKey)
            ? AccountStore.Encode(new AccountState((ulong)random.Next(1_000), 0))
            : random.Next(5) == 0 ? null : Value(random);

        var expected = new StateOverlay(committed);
        var actual = new StateOverlay(committed);
        // Writes before the adoption (the begin step), some of keys the adopted set writes again, and fees deferred to the proposer.
        foreach (var key in keys.Where(_ => random.Next(8) == 0))
        {
            var value = ValueOf(key);
            expected.Set(key, value);
            actual.Set(key, value);
        }

        expected.CreditFee(proposer, 7);
        actual.CreditFee(proposer, 7);

        var adopted = keys.Where(k => (proposerAdopted || !k.AsSpan().SequenceEqual(proposerKey)) && random.Next(2) == 0)
            .Select(k => new StateChange(k, ValueOf(k)))
            .OrderBy(c => c.Key, ByteArrayComparer.Instance)
            .ToArray();
        foreach (var change in adopted.OrderBy(_ => random.Next()))
        {
            expected.Set(change.Key, change.Value);
        }

        actual.AdoptSorted(adopted);
        SameReads(expected, actual, keys);

        // Writes after it (the end step), over adopted and other keys, and more fees.
        foreach (var key in keys.Where(_ => random.Next(6) == 0))
        {
            var value = ValueOf(key);
            expected.Set(key, value);
            actual.Set(key, value);
        }

        expected.CreditFee(proposer, 5);
        actual.CreditFee(proposer, 5);
        SameChanges(expected.TakeWrites(Prefix), actual.TakeWrites(Prefix));
        SameReads(expected, actual, keys);
        SameChanges(expected.Changes(1), actual.Changes(1));
        SameChanges(expected.Changes(1), actual.Changes(2));
    }

    [Fact]
    public void A_second_adoption_replaces_the_first_where_they_overlap()
    {
        var expected = new StateOverlay(new MemoryLedger());
        var actual = new StateOverlay(new MemoryLedger());
        StateChange[] first = [new([1], [1]), new([2], [2]), new([3], null)];
        StateChange[] second = [new([2], [22]), new([4], [4])];
        foreach (var change in first.Concat(second))
        {
            expected.Set(change.Key, change.Value);
        }

        actual.AdoptSorted(first);
        actual.AdoptSorted(second);
        SameReads(expected, actual, [[1], [2], [3], [4], [5]]);
        SameChanges(expected.Changes(), actual.Changes());
    }

    private static void SameReads(StateOverlay expected, StateOverlay actual, IEnumerable<byte[]> keys)
    {
        foreach (var key in keys)
        {
            Assert.Equal(Hex(expected.Get(key)), Hex(actual.Get(key)));
        }
    }

    private static void SameChanges(IReadOnlyList<StateChange> expected, IReadOnlyList<StateChange> actual)
    {
        Assert.Equal(expected.Select(c => (Hex(c.Key), Hex(c.Value))), actual.Select(c => (Hex(c.Key), Hex(c.Value))));
    }

    /// <summary>Account keys, and keys under <see cref="Prefix"/> (taken by prefix), of mixed lengths.</summary>
    private static byte[] Key(Random random, int i)
    {
        if (i % 4 == 0)
        {
            var suffix = new byte[1 + random.Next(12)];
            random.NextBytes(suffix);
            return [.. Prefix, .. BitConverter.GetBytes(i), .. suffix];
        }

        var address = new byte[Address.Size];
        random.NextBytes(address);
        return StateKeys.Account(new Address(address));
    }

    private static byte[] Value(Random random)
    {
        var value = new byte[1 + random.Next(16)];
        random.NextBytes(value);
        return value;
    }

    private static string Hex(byte[]? bytes) => bytes is null ? "-" : Convert.ToHexString(bytes);
}
