using Chain.Core.Blocks;
using Chain.Core.Execution;
using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;
using Chain.Protocol.Genesis;
using Chain.Protocol.Proofs;
using Chain.Protocol.Sharding;
using Chain.Protocol.Transactions;
using Chain.Tests.Unit.Core;

namespace Chain.Tests.Unit.Sharding;

/// <summary>
/// Lanes 1..N-1 collect fees in a sink account (docs/protocol.md §13.5) that anyone can send value to: the proposer gets exactly
/// the lane's fees, and value sent to the sink stays there (no minting).
/// </summary>
public sealed class LaneFeeTests
{
    private const ushort Shards = 4;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void The_proposer_gets_each_lanes_fees_and_nothing_a_sink_already_held(int parallelism)
    {
        var keys = Enumerable.Range(1, 80).Select(i => KeyPair.FromSeed(Enumerable.Repeat((byte)i, 32).ToArray())).ToArray();
        var onMeta = keys.First(k => ShardMap.ShardOf(k.Address, Shards) == 0);
        var onOne = keys.Where(k => ShardMap.ShardOf(k.Address, Shards) == 1).Take(2).ToArray();
        var validator = KeyPair.FromSeed(Enumerable.Repeat((byte)200, 32).ToArray());
        var sink = LaneSink(1);
        Assert.Equal(0, ShardMap.ShardOf(sink, Shards));
        var parameters = new ChainParameters(1, 1000) { ShardCount = Shards };
        var genesis = new GenesisDocument(
            "t", 1000, parameters, new ValidatorSet([new Validator(validator.PublicKey, 10)]),
            [.. new[] { new GenesisAccount(onMeta.Address, 1_000_000), new GenesisAccount(onOne[0].Address, 1_000_000) }.OrderBy(a => a.Address)]);
        var ledger = new MemoryLedger();
        ledger.Commit(GenesisState.Changes(genesis));
        var options = new ExecutionOptions { Parallelism = parallelism };

        var funding = new Transaction("t", 0, onMeta.PublicKey, 1, new Transfer(sink, 500)).Sign(onMeta);
        var first = BlockExecutor.Build(ledger, new BlockContext("t", 1, 2000, validator.Address, parameters), null, [funding], options);
        Assert.Equal(ReceiptStatus.Success, Assert.Single(first.Receipts).Status);
        ledger.Commit(first.Changes);
        Assert.Equal(500UL, Balance(ledger, sink));
        var proposerBefore = Balance(ledger, validator.Address);

        var laneOne = new Transaction("t", 0, onOne[0].PublicKey, 3, new Transfer(onOne[1].Address, 7)).Sign(onOne[0]);
        var second = BlockExecutor.Build(ledger, new BlockContext("t", 2, 3000, validator.Address, parameters), null, [laneOne], options);
        Assert.Single(second.Included);
        ledger.Commit(second.Changes);
        Assert.Equal(500UL, Balance(ledger, sink));
        Assert.Equal(3UL, Balance(ledger, validator.Address) - proposerBefore);
    }

    /// <summary>The spec's sink address: eight zero bytes, "fee-sink", two zero bytes, the lane (u16 big-endian).</summary>
    private static Address LaneSink(ushort lane)
    {
        var bytes = new byte[Address.Size];
        "fee-sink"u8.CopyTo(bytes.AsSpan(8));
        bytes[^1] = (byte)lane;
        bytes[^2] = (byte)(lane >> 8);
        return new Address(bytes);
    }

    private static ulong Balance(MemoryLedger ledger, Address address) =>
        ledger.Get(StateKeys.Account(address)) is { } bytes ? AccountState.Decode(bytes).Balance : 0;
}
