using Chain.Core.Blocks;
using Chain.Core.Execution;
using Chain.Core.Sharding;
using Chain.Core.Staking;
using Chain.Protocol.Crypto;
using Chain.Protocol.Sharding;
using Chain.Protocol.Transactions;
using Chain.Tests.Unit.Core;

namespace Chain.Tests.Unit.Sharding;

/// <summary>
/// A sharded <see cref="TestChain"/> with an untrusted relay: it keeps every receipt a block sent (with its proof) until a block
/// applies it, checks after each block that balances + stake + value in flight equal the total supply, and that no receipt is
/// applied twice.
/// </summary>
internal sealed class CrossShardHarness(TestChain chain)
{
    private readonly SortedDictionary<(ushort Source, ushort Destination, byte Channel, ulong Sequence), IncomingReceipt> _pending = [];
    private readonly Dictionary<(ushort, ushort, byte, ulong), IncomingReceipt> _everSent = [];
    private readonly HashSet<(ushort, ushort, byte, ulong)> _applied = [];

    public TestChain Chain => chain;

    /// <summary>Per transfer (by hash) that left its shard: what its receipts did, in order.</summary>
    public Dictionary<Hash32, List<IncomingOutcome>> Outcomes { get; } = [];

    public IReadOnlyCollection<IncomingReceipt> Pending => _pending.Values;

    public ulong InFlight => _pending.Values.Aggregate(0UL, (sum, r) => checked(sum + r.Receipt.Amount));

    public int Sent => _everSent.Count;

    public int Applied => _applied.Count;

    public static (ushort, ushort, byte, ulong) Id(ShardReceipt r) => (r.Source, r.Destination, r.Channel, r.Sequence);

    /// <summary>A receipt this harness has seen sent (for replays).</summary>
    public IncomingReceipt? SentReceipt((ushort, ushort, byte, ulong) id) => _everSent.GetValueOrDefault(id);

    /// <summary>Pending receipts of one (source, destination, channel), in sequence order.</summary>
    public IEnumerable<IGrouping<(ushort Source, ushort Destination, byte Channel), IncomingReceipt>> PendingByPair() =>
        _pending.Values.GroupBy(r => (r.Receipt.Source, r.Receipt.Destination, r.Receipt.Channel));

    /// <summary>Everything in flight, grouped by destination as a block carries it.</summary>
    public List<IncomingReceipt> Deliverable() => [.. _pending.Values.OrderBy(p => p.Receipt.Destination)];

    /// <summary>Proposes with the given candidates, verifies with <paramref name="verifyParallelism"/> (must agree), commits, and checks the invariants.</summary>
    public ProposedBlock Step(IEnumerable<SignedTransaction> transactions, IReadOnlyList<IncomingReceipt> incoming, int buildParallelism = 1, int verifyParallelism = 1)
    {
        var block = chain.Propose(transactions, incoming, new ExecutionOptions { Parallelism = buildParallelism });
        var (verified, error) = chain.Verify(block.ToBlock(), verifyParallelism);
        Assert.True(verified is not null, error);
        Assert.Equal(block.Header, verified.Header);
        chain.Commit(block);
        Record(block);
        Assert.Equal(StakingQueries.TotalSupply(chain.Ledger), checked(chain.CountedSupply() + InFlight));
        return block;
    }

    private void Record(ProposedBlock block)
    {
        for (var i = 0; i < block.Incoming.Count; i++)
        {
            var receipt = block.Incoming[i].Receipt;
            Assert.True(_applied.Add(Id(receipt)), $"receipt {Id(receipt)} applied twice");
            Assert.True(_pending.Remove(Id(receipt)), $"receipt {Id(receipt)} was applied but never sent");
            Outcomes[receipt.Origin].Add(block.IncomingOutcomes[i]);
        }

        foreach (var chunk in block.Outgoing.GroupBy(r => r.Source))
        {
            foreach (var proven in IncomingReceipt.ProveAll([.. chunk]))
            {
                _pending.Add(Id(proven.Receipt), proven);
                _everSent.Add(Id(proven.Receipt), proven);
                Outcomes.TryAdd(proven.Receipt.Origin, []);
            }
        }
    }
}
