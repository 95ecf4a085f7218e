using Chain.GrainInterfaces;
using Chain.Protocol.Crypto;
using Chain.Protocol.Proofs;
using Chain.Protocol.Transactions;
using static Chain.Tests.Grains.Sharding.ShardedTransfers;

namespace Chain.Tests.Grains.Sharding;

/// <summary>
/// The lanes of shards 1..3 (<see cref="IShardLaneGrain"/>: admission and mempool of each shard's transfers) on the two-silo
/// <see cref="BftCluster"/>: they spread over both silos, move to the remaining silo when one stops, and what waited in a lane that
/// went away in good order is kept by the ledger until a block includes it.
/// </summary>
public sealed class LanePlacementTests
{
    private const ushort Shards = 4;

    [Fact]
    public async Task Lanes_spread_over_both_silos_and_transfers_pending_on_a_stopping_silo_are_not_lost()
    {
        var (senders, recipients) = (ShardKeys.OnEach(Shards), ShardKeys.OnEach(Shards));
        await using var bft = await BftCluster.StartAsync(options: new BftOptions(
            p => p with { ShardCount = Shards, ReceiptTimeoutHeights = 1_000_000 }, [.. senders.Select(k => k.Address)]));

        // Lanes placed before the second silo joined move to it at a later block: wait for the spread, not for a time.
        var placed = await Polling.UntilAsync(async () => await PlacementAsync(bft) is var p && p.Distinct().Count() == 2 ? p : null, TimeSpan.FromSeconds(30), "lanes on both silos");
        var ledgerSilo = placed[0];
        Assert.Contains(placed[1..], s => s != ledgerSilo); // some shard's lane away from the ledger

        var first = Sign(senders, recipients, Shards);
        await SubmitAsync(bft, first);
        await DebitedAsync(bft, first);

        // Submitted, then the second silo stops at once: what its lanes still held goes back through the ledger to their next
        // activations (on the first silo); nothing accepted is dropped. Later nonces prove it: they cannot run if one is missing.
        var perSender = (ulong)(first.Count / senders.Length);
        var during = Sign(senders, recipients, Shards, firstNonce: perSender);
        await SubmitAsync(bft, during);
        await bft.StopValidatorSiloAsync();
        var after = Sign(senders, recipients, Shards, firstNonce: 2 * perSender);
        await SubmitAsync(bft, after);

        List<SentTransfer> all = [.. first, .. during, .. after];
        var settled = await SettledAsync(bft, all);
        for (var i = 0; i < all.Count; i++)
        {
            AssertSent(all[i], settled[i]);
            Assert.Equal([CrossShardLegKind.Sent, CrossShardLegKind.Credited], Legs(settled[i]).Kinds);
        }

        Assert.All(await PlacementAsync(bft), s => Assert.Equal(ledgerSilo, s)); // every lane now on the remaining silo
        foreach (var r in recipients)
        {
            Assert.Equal(all.Where(t => t.To == r.Address).Aggregate(0UL, (sum, t) => sum + t.Amount), await BalanceAsync(bft, r.Address));
        }

        foreach (var s in senders)
        {
            Assert.Equal(BftCluster.FundedBalance - all.Where(t => t.From == s).Aggregate(0UL, (sum, t) => sum + t.Amount + Fee), await BalanceAsync(bft, s.Address));
        }

        Assert.Empty(await CrossShardAudit.ExactlyOnceAsync(bft.Shard));
        Assert.Empty(CrossShardAudit.SupplyHolds(bft.LedgerStore));
    }

    [Fact]
    public async Task A_lane_deactivated_with_pending_transactions_hands_them_to_the_ledger()
    {
        using var sender = ShardKeys.On(1, Shards);
        using var recipient = ShardKeys.On(2, Shards);
        await using var bft = await BftCluster.StartAsync(options: new BftOptions(p => p with { ShardCount = Shards }, [sender.Address]));
        var admission = bft.Client.GetGrain<IAdmissionGrain>(0);
        var lane = bft.Client.GetGrain<IShardLaneGrain>(1);

        // Nonce 1 before nonce 0: it can only wait in the lane's mempool, never in a block, until nonce 0 arrives.
        var later = Transfer(sender, recipient.Address, nonce: 1, amount: 20);
        var earlier = Transfer(sender, recipient.Address, nonce: 0, amount: 10);
        Assert.True((await admission.SubmitAsync(later.Encode())).Accepted);
        Assert.Equal(1, (await lane.GetStatusAsync()).PendingTransactions);
        Assert.Equal(TransactionStatus.Pending, (await bft.Shard.GetTransactionAsync(later.Hash.ToArray())).Status);

        await bft.Cluster.DeactivateAsync(lane);


        // The ledger holds it now (the lane's next activation starts empty), and offers it once nonce 0 is final.
        Assert.Equal(0, (await lane.GetStatusAsync()).PendingTransactions);
        Assert.Equal(TransactionStatus.Pending, (await bft.Shard.GetTransactionAsync(later.Hash.ToArray())).Status);
        Assert.True((await admission.SubmitAsync(earlier.Encode())).Accepted);
        var results = await Task.WhenAll(new[] { earlier, later }.Select(t => bft.Shard.WaitForTransactionAsync(t.Hash.ToArray(), TimeSpan.FromSeconds(20))));
        Assert.All(results, r => Assert.Equal((TransactionStatus.Final, false), (r.Status, r.InFlight)));
        Assert.Equal(30UL, await BalanceAsync(bft, recipient.Address));
        Assert.Equal(BftCluster.FundedBalance - 30 - (2 * Fee), await BalanceAsync(bft, sender.Address));
    }

    [Fact]
    public async Task A_client_cannot_feed_a_lane_directly()
    {
        await using var bft = await BftCluster.StartAsync(options: new BftOptions(p => p with { ShardCount = Shards }));
        var lane = bft.Client.GetGrain<IShardLaneGrain>(1);
        var forged = new LaneChunk(1, [], [new byte[Address.Size]], [new AccountState(ulong.MaxValue, 0).Encode()]);
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => lane.OnChunkFinalAsync(forged));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => lane.AdmitAsync(new Orleans.Concurrency.Immutable<SignedTransaction[]>([])));
    }

    /// <summary>The silo each shard's lane runs on, by shard.</summary>
    private static async Task<string[]> PlacementAsync(BftCluster bft) =>
        [.. (await bft.Shard.GetShardsAsync()).Select(s => s.Silo ?? throw new InvalidOperationException($"the lane of shard {s.Shard} did not answer"))];

    private static SignedTransaction Transfer(KeyPair from, Address to, ulong nonce, ulong amount) =>
        new Transaction(BftCluster.ChainId, nonce, from.PublicKey, Fee, new Transfer(to, amount)).Sign(from);
}
