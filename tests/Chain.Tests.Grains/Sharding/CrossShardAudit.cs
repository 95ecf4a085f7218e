using Chain.Core.Staking;
using Chain.GrainInterfaces;
using Chain.Protocol.Blocks;
using Chain.Protocol.Proofs;
using Chain.Protocol.Sharding;
using Chain.Storage;

namespace Chain.Tests.Grains.Sharding;

/// <summary>Checks over what the ledger wrote: the supply invariant, and that every cross-shard receipt is applied exactly once.</summary>
internal static class CrossShardAudit
{
    /// <summary>Account values in the store: <c>s/k/</c> then <see cref="StateKeys.AccountSpace"/> (StateStore's layout).</summary>
    private static readonly byte[] AccountValues = [.. "s/k/"u8, StateKeys.AccountSpace];

    /// <summary>
    /// On one point-in-time snapshot of the ledger's store (a block, its state and the cross-shard index commit in one batch):
    /// every account's balance + every validator's bonded and unbonding tokens + the value of the receipts in flight equals the
    /// supply record (genesis + minted − burned). Returns the receipts in flight at that height.
    /// </summary>
    public static IReadOnlyList<ShardReceipt> SupplyHolds(IKeyValueStore store)
    {
        using var snapshot = store.CreateSnapshot();
        var state = new StateStore(snapshot);
        var blocks = new BlockStore(snapshot);
        Assert.Equal(state.LatestHeight, blocks.LatestHeight);
        var inFlight = blocks.CrossShard.InFlight(int.MaxValue, (height, source) => CrossShardIndex.ProveChunk(blocks.GetByHeight(height)!, source)).Select(i => i.Receipt).ToList();
        var balances = snapshot.ScanPrefix(AccountValues).Aggregate(0UL, (sum, e) => checked(sum + AccountState.Decode(e.Value).Balance));
        var stake = StakingQueries.CountedSupply(state, []);
        var flight = inFlight.Aggregate(0UL, (sum, r) => checked(sum + r.Amount));
        Assert.Equal(StakingQueries.TotalSupply(state), checked(balances + stake + flight));
        return inFlight;
    }

    /// <summary>
    /// Reads every finalized block and checks the receipts they carry: each sent once under a fresh (source, destination,
    /// sequence), each applied at most once, later than it was sent, with the content that was sent, and each pair's receipts
    /// applied in sequence order from 0. Returns the receipts sent and not applied (in flight) at the height read.
    /// </summary>
    public static async Task<List<ShardReceipt>> ExactlyOnceAsync(IShardGrain ledger)
    {
        var sent = new Dictionary<(ushort, ushort, ulong), ShardReceipt>();
        var applied = new HashSet<(ushort, ushort, ulong)>();
        var nextApplied = new Dictionary<(ushort, ushort), ulong>();
        var height = (await ledger.GetStatusAsync()).Height;
        for (ulong h = 1; h <= height; h++)
        {
            var block = FinalizedBlock.Decode(await ledger.GetBlockAsync(h) ?? throw new InvalidOperationException($"no block {h}"));
            foreach (var entry in block.Incoming)
            {
                var r = entry.Receipt;
                var id = (r.Source, r.Destination, r.Sequence);
                Assert.True(sent.TryGetValue(id, out var original), $"block {h} applies receipt {id}, which no earlier block sent");
                Assert.Equal(original, r);
                Assert.True(applied.Add(id), $"block {h} applies receipt {id} a second time");
                Assert.Equal(nextApplied.GetValueOrDefault((r.Source, r.Destination)), r.Sequence);
                nextApplied[(r.Source, r.Destination)] = r.Sequence + 1;
            }

            foreach (var r in block.Outgoing)
            {
                Assert.Equal(h, r.SourceHeight);
                Assert.True(sent.TryAdd((r.Source, r.Destination, r.Sequence), r), $"block {h} sends receipt {(r.Source, r.Destination, r.Sequence)} again");
            }
        }

        return [.. sent.Where(s => !applied.Contains(s.Key)).Select(s => s.Value)];
    }
}
