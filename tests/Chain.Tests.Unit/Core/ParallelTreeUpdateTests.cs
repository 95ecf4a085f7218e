using Chain.Core.State;
using Chain.Protocol.Crypto;
using CsCheck;

namespace Chain.Tests.Unit.Core;

/// <summary>The state tree updated on several threads gives the sequential root and exactly the same new nodes.</summary>
public sealed class ParallelTreeUpdateTests
{
    // Enough changes for the parallel path (at least 2 x 256), over keys that partly exist already.
    private static readonly Gen<StateChange> Change = Gen.Select(
        Gen.Int[0, 3_000],
        Gen.Frequency((4, Gen.Byte.Array[1, 12].Select(v => (byte[]?)v)), (1, Gen.Const((byte[]?)null))),
        (k, v) => new StateChange(Key(k), v));

    private static readonly Gen<List<StateChange>> Batch = Change.List[0, 1_500]
        .Select(list => list.GroupBy(c => Convert.ToHexString(c.Key), StringComparer.Ordinal).Select(g => g.Last()).ToList());

    [Fact]
    public void A_parallel_tree_update_creates_the_same_root_and_nodes_as_a_sequential_one()
    {
        Gen.Select(Batch, Batch, Gen.Int[2, 8]).Sample((existing, batch, parallelism) =>
        {
            var ledger = new MemoryLedger();
            ledger.Commit(existing);
            var sequential = ledger.Tree.Update(ledger.Root, batch);
            var parallel = ledger.Tree.Update(ledger.Root, batch, parallelism);
            Assert.Equal(sequential.Root, parallel.Root);
            Assert.Equal(sequential.NewNodes.Select(n => n.Hash), parallel.NewNodes.Select(n => n.Hash));
            Assert.True(sequential.NewNodes.Zip(sequential.NewNodes.Skip(1)).All(p => p.First.Hash.CompareTo(p.Second.Hash) < 0), "new nodes are sorted by hash, each once");
        }, iter: 40);
    }

    [Fact]
    public void A_parallel_update_of_an_empty_tree_matches_the_sequential_root()
    {
        var changes = Enumerable.Range(0, 5_000).Select(i => new StateChange(Key(i), [unchecked((byte)i), 1])).ToList();
        var sequential = new MemoryLedger().Tree.Update(Hash32.Zero, changes);
        var parallel = new MemoryLedger().Tree.Update(Hash32.Zero, changes, 4);
        Assert.Equal(sequential.Root, parallel.Root);
        Assert.Equal(sequential.NewNodes.Count, parallel.NewNodes.Count);
    }

    private static byte[] Key(int i) => [1, unchecked((byte)(i >> 16)), unchecked((byte)(i >> 8)), unchecked((byte)i)];
}
