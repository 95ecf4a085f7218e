using Chain.GrainInterfaces;
using static Chain.Tests.Grains.Sharding.ShardedTransfers;

namespace Chain.Tests.Grains.Sharding;

/// <summary>
/// Four shards on the two-silo <see cref="BftCluster"/>. Every shard's committed state is in the one ledger grain (first silo); the
/// second silo's validator re-executes every chunk of every block it votes on, and the shards' lanes spread over both silos
/// (<see cref="LanePlacementTests"/>). The second silo stops while receipts are in flight (held by a <see cref="ReceiptGate"/> until then), and more transfers
/// follow on the remaining three validators: nothing is lost or applied twice.
/// </summary>
public sealed class TwoSiloShardTests
{
    private const ushort Shards = 4;

    [Fact]
    public async Task Stopping_a_silo_while_receipts_are_in_flight_loses_and_duplicates_nothing()
    {
        var (senders, recipients, gate) = (ShardKeys.OnEach(Shards), ShardKeys.OnEach(Shards), new ReceiptGate());
        await using var bft = await BftCluster.StartAsync(options: new BftOptions(
            p => p with { ShardCount = Shards, ReceiptTimeoutHeights = 1_000_000 }, [.. senders.Select(k => k.Address)], gate.Register));
        var before = Sign(senders, recipients, Shards);
        await SubmitAsync(bft, before);
        var debited = await DebitedAsync(bft, before);
        Assert.All(debited, r => Assert.Equal([CrossShardLegKind.Sent], Legs(r).Kinds));
        Assert.Equal(before.Count, await InboundAsync(bft));

        await bft.StopValidatorSiloAsync();
        gate.Open();
        var after = Sign(senders, recipients, Shards, firstNonce: (ulong)(before.Count / senders.Length));
        await SubmitAsync(bft, after);
        List<SentTransfer> all = [.. before, .. after];
        var settled = await SettledAsync(bft, all);

        for (var i = 0; i < all.Count; i++)
        {
            AssertSent(all[i], settled[i]);
            var (kinds, receipts) = Legs(settled[i]);
            Assert.Equal([CrossShardLegKind.Sent, CrossShardLegKind.Credited], kinds);
            Assert.Equal(receipts[0], receipts[1]);
        }

        foreach (var r in recipients)
        {
            Assert.Equal(all.Where(t => t.To == r.Address).Aggregate(0UL, (sum, t) => sum + t.Amount), await BalanceAsync(bft, r.Address));
        }

        foreach (var s in senders)
        {
            Assert.Equal(BftCluster.FundedBalance - all.Where(t => t.From == s).Aggregate(0UL, (sum, t) => sum + t.Amount + Fee), await BalanceAsync(bft, s.Address));
        }

        // Blocks after the stop were certified without the second silo's validator: the chain went on with three of four.
        var last = await bft.BlockAsync((await bft.Shard.GetStatusAsync()).Height);
        Assert.Equal(3, last.Certificate.Signatures.Count);
        Assert.Empty(await CrossShardAudit.ExactlyOnceAsync(bft.Shard));
        Assert.Empty(CrossShardAudit.SupplyHolds(bft.LedgerStore));
    }
}
