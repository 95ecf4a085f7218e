using Chain.GrainInterfaces;
using static Chain.Tests.Grains.Sharding.ShardedTransfers;

namespace Chain.Tests.Grains.Sharding;

/// <summary>
/// The ledger grain (every shard's state, the cross-shard index) deactivated while receipts are in flight: after the debit
/// blocks are final and before any block credits them. A <see cref="ReceiptGate"/> holds the receipts from proposers until the
/// test has deactivated the ledger, so the window is not left to timing. Afterwards every receipt applies exactly once.
/// </summary>
public sealed class LedgerDeactivationTests
{
    private const ushort Shards = 4;

    [Fact]
    public async Task Receipts_in_flight_across_a_ledger_deactivation_are_each_credited_exactly_once()
    {
        var (senders, recipients, gate) = (ShardKeys.OnEach(Shards), ShardKeys.OnEach(Shards), new ReceiptGate());
        await using var bft = await StartAsync(gate, timeout: 1_000_000, senders);
        var transfers = Sign(senders, recipients, Shards, count: 2);
        Assert.Equal(24, transfers.Count);
        await SubmitAsync(bft, transfers);

        var debited = await DebitedAsync(bft, transfers);
        for (var i = 0; i < transfers.Count; i++)
        {
            AssertSent(transfers[i], debited[i]);
            Assert.Equal([CrossShardLegKind.Sent], Legs(debited[i]).Kinds);
        }

        foreach (var r in recipients)
        {
            Assert.Equal(0UL, await BalanceAsync(bft, r.Address));
        }

        Assert.Equal(transfers.Count, await InboundAsync(bft));
        Assert.Equal(transfers.Sum(t => (long)t.Amount), CrossShardAudit.SupplyHolds(bft.LedgerStore).Sum(r => (long)r.Amount));

        await bft.Cluster.DeactivateAsync(bft.Shard);

        // The new activation serves the same receipts in flight, from the block store's index.
        Assert.Equal(transfers.Count, await InboundAsync(bft));
        Assert.True(gate.Held > 0, "no proposer asked for receipts while they were held");
        Assert.Equal(transfers.Count, (await CrossShardAudit.ExactlyOnceAsync(bft.Shard)).Count);
        gate.Open();

        var settled = await SettledAsync(bft, transfers);
        for (var i = 0; i < transfers.Count; i++)
        {
            var (kinds, receipts) = Legs(settled[i]);
            Assert.Equal([CrossShardLegKind.Sent, CrossShardLegKind.Credited], kinds);
            Assert.Equal(receipts[0], receipts[1]);
            Assert.True(settled[i].Legs![1].Height > debited[i].Height);
        }

        foreach (var r in recipients)
        {
            Assert.Equal(transfers.Where(t => t.To == r.Address).Aggregate(0UL, (sum, t) => sum + t.Amount), await BalanceAsync(bft, r.Address));
        }

        foreach (var s in senders)
        {
            var spent = transfers.Where(t => t.From == s).Aggregate(0UL, (sum, t) => sum + t.Amount + Fee);
            Assert.Equal(BftCluster.FundedBalance - spent, await BalanceAsync(bft, s.Address));
        }

        Assert.Equal(0, await InboundAsync(bft));
        Assert.Empty(await CrossShardAudit.ExactlyOnceAsync(bft.Shard));
        Assert.Empty(CrossShardAudit.SupplyHolds(bft.LedgerStore));
    }

    [Fact]
    public async Task A_receipt_held_past_its_timeout_across_a_ledger_deactivation_bounces_and_is_refunded_once()
    {
        var (senders, recipients, gate) = (ShardKeys.OnEach(Shards)[1..2], ShardKeys.OnEach(Shards)[2..3], new ReceiptGate());
        await using var bft = await StartAsync(gate, timeout: 2, senders);
        var transfers = Sign(senders, recipients, Shards);
        await SubmitAsync(bft, transfers);
        var debited = (await DebitedAsync(bft, transfers))[0];
        AssertSent(transfers[0], debited);

        // Past the timeout: a block at height > sent + 2 must bounce the credit.
        await bft.WaitForHeightAsync(debited.Height + 3);
        await bft.Cluster.DeactivateAsync(bft.Shard);
        Assert.Equal([CrossShardLegKind.Sent], Legs(await bft.Shard.GetTransactionAsync(transfers[0].Tx.Hash.ToArray())).Kinds);
        gate.Open();

        var settled = (await SettledAsync(bft, transfers))[0];
        var (kinds, receipts) = Legs(settled);
        Assert.Equal([CrossShardLegKind.Sent, CrossShardLegKind.Bounced, CrossShardLegKind.Refunded], kinds);
        Assert.True(settled.Legs![1].Height > debited.Height + 2);
        Assert.Equal(receipts[0], receipts[1]);
        var refund = receipts[2];
        Assert.Equal(
            (Chain.Protocol.Sharding.ShardReceiptKind.Refund, transfers[0].DestinationShard, transfers[0].SourceShard, transfers[0].Tx.Hash, transfers[0].To, senders[0].Address, transfers[0].Amount),
            (refund.Kind, refund.Source, refund.Destination, refund.Origin, refund.From, refund.To, refund.Amount));
        Assert.Equal(0UL, await BalanceAsync(bft, recipients[0].Address));
        Assert.Equal(BftCluster.FundedBalance - Fee, await BalanceAsync(bft, senders[0].Address));
        Assert.Empty(await CrossShardAudit.ExactlyOnceAsync(bft.Shard));
        Assert.Empty(CrossShardAudit.SupplyHolds(bft.LedgerStore));
    }

    private static Task<BftCluster> StartAsync(ReceiptGate gate, ulong timeout, Protocol.Crypto.KeyPair[] funded) =>
        BftCluster.StartAsync(options: new BftOptions(
            p => p with { ShardCount = Shards, ReceiptTimeoutHeights = timeout },
            [.. funded.Select(k => k.Address)],
            gate.Register));
}
