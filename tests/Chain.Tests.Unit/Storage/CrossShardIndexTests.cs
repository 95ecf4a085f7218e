using Chain.Protocol.Crypto;
using Chain.Protocol.Sharding;
using Chain.Storage;

namespace Chain.Tests.Unit.Storage;

/// <summary>
/// The cross-shard index keeps each block's receipts of a transfer under the transfer's hash, so its legs are read without decoding
/// blocks, and hands in-flight receipts out in apply order with the proofs its caller keeps per chunk.
/// </summary>
public sealed class CrossShardIndexTests
{
    private static readonly Address Alice = Address.FromPublicKey(KeyPair.FromSeed(new byte[32]).PublicKey);
    private static readonly Address Bob = Address.FromPublicKey(KeyPair.FromSeed(Enumerable.Repeat((byte)1, 32).ToArray()).PublicKey);

    private static ShardReceipt Receipt(ShardReceiptKind kind, ushort source, ushort destination, ulong sequence, ulong height, Hash32 origin) =>
        new(kind, source, destination, sequence, height, origin, Alice, Bob, 7);

    [Fact]
    public void The_legs_of_a_transfer_come_from_the_index_with_their_direction_and_receipt()
    {
        var store = new InMemoryKeyValueStore();
        var origin = Hashing.Sha256([1]);
        var other = Hashing.Sha256([2]);
        var credit = Receipt(ShardReceiptKind.Credit, 1, 2, 0, 5, origin);
        var unrelated = Receipt(ShardReceiptKind.Credit, 1, 3, 0, 5, other);
        var sent = TestBlocks.At(5) with { Outgoing = [credit, unrelated] };
        var refund = Receipt(ShardReceiptKind.Refund, 2, 1, 0, 6, origin);
        var bounced = TestBlocks.At(6) with { Incoming = IncomingReceipt.ProveAll([credit]), Outgoing = [refund] };
        foreach (var block in new[] { sent, bounced })
        {
            var batch = new WriteBatch();
            CrossShardIndex.Stage(batch, block);
            store.Write(batch, durable: true);
        }

        var legs = new CrossShardIndex(store).Legs(origin);
        Assert.Equal([5UL, 6UL], legs.Select(l => l.Height));
        Assert.Equal([(LegDirection.Sent, credit)], legs[0].Receipts!);
        Assert.Equal([(LegDirection.Applied, credit), (LegDirection.Sent, refund)], legs[1].Receipts!);
        Assert.Equal([(LegDirection.Sent, unrelated)], new CrossShardIndex(store).Legs(other).Single().Receipts!);

        // In flight: the refund (sent at 6); the credit was applied.
        var asked = new List<(ulong, ushort)>();
        var inFlight = new CrossShardIndex(store).InFlight(10, (height, source) =>
        {
            asked.Add((height, source));
            return CrossShardIndex.ProveChunk(height == 5 ? sent : bounced, source);
        });
        Assert.Equal([refund, unrelated], inFlight.Select(i => i.Receipt).OrderBy(r => r.Destination));
        Assert.Equal([(5UL, (ushort)1), (6UL, (ushort)2)], asked.Order());
    }

    [Fact]
    public void Contract_receipts_keep_their_own_sequences_in_flight_and_their_variable_length_in_the_legs()
    {
        var store = new InMemoryKeyValueStore();
        var origin = Hashing.Sha256([4]);
        var credit = Receipt(ShardReceiptKind.Credit, 1, 2, 0, 5, origin);
        var call = Receipt(ShardReceiptKind.Call, 1, 2, 0, 5, origin) with
        {
            Message = new ContractMessage("deposit", 9_000, "on_done", 1_000, Chain.Protocol.Blocks.ReceiptStatus.Success, [1, 2, 3]),
        };
        var block = TestBlocks.At(5) with { Outgoing = [credit, call] };
        var batch = new WriteBatch();
        CrossShardIndex.Stage(batch, block);
        store.Write(batch, durable: true);

        // Same (source, destination, sequence), two channels: both in flight, each with its own proof.
        var inFlight = new CrossShardIndex(store).InFlight(10, (_, source) => CrossShardIndex.ProveChunk(block, source));
        Assert.Equal([credit, call], inFlight.Select(i => i.Receipt));
        Assert.All(inFlight, i => Assert.True(i.Verifies(Chain.Protocol.Proofs.BinaryMerkle.Root([credit.Encode(), call.Encode()]), 2)));
        Assert.Equal(2, new CrossShardIndex(store).InFlightByDestination()[2]);
        Assert.Equal([(LegDirection.Sent, credit), (LegDirection.Sent, call)], new CrossShardIndex(store).Legs(origin).Single().Receipts!);

        var applied = TestBlocks.At(6) with { Incoming = IncomingReceipt.ProveAll([credit, call]) };
        batch = new WriteBatch();
        CrossShardIndex.Stage(batch, applied);
        store.Write(batch, durable: true);
        Assert.Empty(new CrossShardIndex(store).InFlight(10, (_, source) => CrossShardIndex.ProveChunk(block, source)));
    }

    [Fact]
    public void An_entry_written_before_the_index_kept_receipts_says_to_read_the_block_and_a_corrupt_one_is_refused()
    {
        var store = new InMemoryKeyValueStore();
        var origin = Hashing.Sha256([3]);
        var legacy = LegKeys.Leg(origin, 9);
        store.Write(new WriteBatch().Put(legacy, []).Put(LegKeys.Leg(origin, 10), [1, 2, 3]), durable: true);

        Assert.Throws<InvalidDataException>(() => new CrossShardIndex(store).Legs(origin));
        store.Write(new WriteBatch().Delete(LegKeys.Leg(origin, 10)), durable: true);
        var legs = new CrossShardIndex(store).Legs(origin);
        Assert.Equal(9UL, legs.Single().Height);
        Assert.Null(legs.Single().Receipts);
    }

    /// <summary>The index's leg key, spelled out as the layout documents it: <c>x/l/{origin}{height u64 big-endian}</c>.</summary>
    private static class LegKeys
    {
        public static byte[] Leg(Hash32 origin, ulong height)
        {
            var key = new byte[4 + Hash32.Size + 8];
            "x/l/"u8.CopyTo(key);
            origin.CopyTo(key.AsSpan(4));
            System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(key.AsSpan(4 + Hash32.Size), height);
            return key;
        }
    }
}
