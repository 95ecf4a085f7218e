using Chain.Core.Sharding;
using Chain.Protocol.Sharding;
using Chain.Protocol.Transactions;
using Chain.Tests.Unit.Core;
using CsCheck;

namespace Chain.Tests.Unit.Sharding;

/// <summary>
/// Random cross-shard transfers over 2..4 shards with random failures (overdrawn transfers, receipts that time out and are
/// refunded) and random delays (the relay delivers a random prefix of each pair's queue, or nothing), plus a hostile relay that
/// replays, forges and reorders receipts: total supply stays constant after every block, and every receipt is applied exactly
/// once, each transfer ending credited or refunded.
/// </summary>
public sealed class CrossShardPropertyTests
{
    private sealed record Op(int From, int To, ulong Amount);

    private sealed record Round(Op[] Ops, int DeliverPercent, bool Replay, bool Forge, bool Reorder, int Parallelism);

    private sealed record Scenario(ushort Shards, ulong Timeout, Round[] Rounds);

    private const int Accounts = 10;

    private static readonly Gen<Round> RoundGen = Gen.Select(
        Gen.Select(Gen.Int[0, Accounts - 1], Gen.Int[0, Accounts - 1], Gen.ULong[1, 1_500]).Select((f, t, a) => new Op(f, t, a)).Array[0, 8],
        Gen.Int[0, 100],
        Gen.Bool,
        Gen.Bool,
        Gen.Bool,
        Gen.Int[1, 2])
        .Select((ops, deliver, replay, forge, reorder, parallelism) => new Round(ops, deliver, replay, forge, reorder, parallelism));

    private static readonly Gen<Scenario> ScenarioGen = Gen.Select(Gen.Int[2, 4], Gen.ULong[1, 4], RoundGen.Array[4, 12])
        .Select((shards, timeout, rounds) => new Scenario((ushort)shards, timeout, rounds));

    [Fact]
    public void Random_cross_shard_transfers_keep_supply_and_apply_every_receipt_exactly_once()
    {
        var totals = new Totals();
        ScenarioGen.Sample(s => Run(s, totals), iter: 30, threads: 1);

        // The workload really crossed shards, timed out, and met hostile receipts (else the property says little).
        Assert.True(totals.Sent > 100, $"{totals.Sent} receipts sent");
        Assert.True(totals.Refunds > 0, "no receipt timed out");
        Assert.True(totals.Hostile > 10, $"{totals.Hostile} hostile receipts");
    }

    private sealed class Totals
    {
        public int Sent { get; set; }

        public int Refunds { get; set; }

        public int Hostile { get; set; }
    }

    private static void Run(Scenario scenario, Totals totals)
    {
        var harness = new CrossShardHarness(new TestChain(Accounts, 1_000, shards: scenario.Shards, receiptTimeout: scenario.Timeout));
        var random = new Random(scenario.Rounds.Length * 7919); // test-side choices only; execution never sees it
        foreach (var round in scenario.Rounds)
        {
            var (incoming, hostile) = Relay(harness, round, random);
            var block = harness.Step(Transfers(harness.Chain, round.Ops), incoming, round.Parallelism, 3 - round.Parallelism);
            totals.Hostile += hostile.Count;
            foreach (var (entry, expected) in hostile)
            {
                Assert.Contains(block.DroppedIncoming, d => ReferenceEquals(d.Receipt, entry) && d.Problem == expected);
                Assert.DoesNotContain(block.Incoming, i => ReferenceEquals(i, entry));
            }
        }

        // Drain: deliver everything until nothing is in flight (refunds of timed-out credits included).
        for (var i = 0; i < 20 && harness.Pending.Count > 0; i++)
        {
            harness.Step([], [.. harness.Pending.OrderBy(p => p.Receipt.Destination)]);
        }

        Assert.Empty(harness.Pending);
        Assert.Equal(harness.Sent, harness.Applied);
        totals.Sent += harness.Sent;
        totals.Refunds += harness.Outcomes.Values.Count(o => o.Contains(IncomingOutcome.RefundedTimeout));
        foreach (var (origin, outcomes) in harness.Outcomes)
        {
            Assert.True(
                outcomes.SequenceEqual([IncomingOutcome.Credited])
                || outcomes.SequenceEqual([IncomingOutcome.RefundedTimeout, IncomingOutcome.RefundCredited]),
                $"transfer {origin}: {string.Join(", ", outcomes)}");
        }
    }

    private static List<SignedTransaction> Transfers(TestChain chain, Op[] ops) =>
        [.. ops.Where(o => o.From != o.To).Select(o => chain.Tx(chain.Keys[o.From], new Transfer(chain.Keys[o.To].Address, o.Amount)))];

    /// <summary>A random prefix of each pair's queue, plus hostile entries and the problem each must be dropped with.</summary>
    private static (List<IncomingReceipt> Incoming, List<(IncomingReceipt Entry, IncomingProblem Problem)> Hostile) Relay(CrossShardHarness harness, Round round, Random random)
    {
        var incoming = new List<IncomingReceipt>();
        var hostile = new List<(IncomingReceipt, IncomingProblem)>();
        foreach (var pair in harness.PendingByPair())
        {
            var queue = pair.ToList();
            var take = queue.Count * round.DeliverPercent / 100;
            var delivered = queue.Take(take).ToList();
            if (round.Forge && delivered.Count > 0)
            {
                // A forged copy of the next receipt (more value) goes first: its proof fails, then the genuine one applies.
                var genuine = delivered[0];
                var forged = genuine with { Receipt = genuine.Receipt with { Amount = genuine.Receipt.Amount + 1 } };
                delivered.Insert(0, forged);
                hostile.Add((forged, IncomingProblem.BadProof));
            }

            if (round.Reorder && take < queue.Count)
            {
                // The receipt after the delivered prefix, skipping one: out of order.
                var skipped = queue.Count > take + 1 ? queue[take + 1] : null;
                if (skipped is not null)
                {
                    delivered.Add(skipped);
                    hostile.Add((skipped, IncomingProblem.OutOfOrder));
                }
            }

            incoming.AddRange(delivered);
        }

        if (round.Replay && harness.Applied > 0)
        {
            var replayed = FindApplied(harness, random);
            if (replayed is not null)
            {
                incoming.Add(replayed);
                hostile.Add((replayed, IncomingProblem.Replayed));
            }
        }

        return ([.. incoming.OrderBy(i => i.Receipt.Destination)], hostile);
    }

    private static IncomingReceipt? FindApplied(CrossShardHarness harness, Random random)
    {
        var shards = harness.Chain.Parameters.ShardCount;
        for (var attempt = 0; attempt < 16; attempt++)
        {
            var id = ((ushort)random.Next(shards), (ushort)random.Next(shards), ShardReceipt.TransferChannel, (ulong)random.Next(4));
            if (harness.SentReceipt(id) is { } sent && !harness.Pending.Contains(sent))
            {
                return sent with { };
            }
        }

        return null;
    }
}
