using Chain.Protocol;
using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;
using Chain.Protocol.Proofs;
using Chain.Protocol.Sharding;
using Chain.Protocol.Transactions;
using Chain.Tests.Unit.Protocol;
using CsCheck;

namespace Chain.Tests.Unit.Sharding;

/// <summary>How a block body splits into lanes and chunk headers (docs/protocol.md §13.2).</summary>
public sealed class ChunkLayoutTests
{
    private static readonly Gen<ushort> ShardCount = Gen.UShort[1, 8];

    private static readonly Gen<SignedTransaction[]> Transactions = ProtocolGenerators.SignedTransaction.Array[0, 12];

    [Fact]
    public void A_plain_transfer_runs_in_its_senders_shard_and_every_other_payload_in_the_metashard() =>
        Gen.Select(ProtocolGenerators.SignedTransaction, Gen.UShort[2, ProtocolLimits.MaxShards]).Sample((tx, count) =>
        {
            var expected = tx.Body.Payload is Transfer ? ShardMap.ShardOf(tx.Body.SenderAddress, count) : ShardMap.MetaShard;
            Assert.Equal(expected, ChunkLayout.LaneOf(tx, count));
        });

    [Fact]
    public void With_one_shard_everything_is_lane_zero_and_the_chunk_is_the_whole_body() =>
        Gen.Select(Transactions, ProtocolGenerators.ShardReceipt.Array[0, 4]).Sample((txs, outgoing) =>
        {
            Assert.All(txs, tx => Assert.Equal(ShardMap.MetaShard, ChunkLayout.LaneOf(tx, 1)));
            var own = outgoing.Select(r => r with { Source = 0 }).ToArray();
            var chunk = Assert.Single(ChunkLayout.Headers(1, txs, [], own));
            Assert.Equal((ushort)0, chunk.Shard);
            Assert.Equal((uint)txs.Length, chunk.TransactionCount);
            Assert.Equal(FinalizedBlock.TransactionsRoot(txs), chunk.TransactionsRoot);
            Assert.Equal(BinaryMerkle.Root(own.Select(r => r.Encode()).ToArray()), chunk.OutgoingRoot);
        });

    [Fact]
    public void Each_chunk_commits_to_its_lanes_transactions_in_block_order() =>
        Gen.Select(Transactions, ShardCount).Sample((txs, count) =>
        {
            var chunks = ChunkLayout.Headers(count, txs, [], []);
            Assert.Equal(Enumerable.Range(0, count).Select(s => (ushort)s), chunks.Select(c => c.Shard));
            Assert.Equal(txs.Length, chunks.Sum(c => (int)c.TransactionCount));
            foreach (var chunk in chunks)
            {
                var lane = txs.Where(t => ChunkLayout.LaneOf(t, count) == chunk.Shard).ToArray();
                Assert.Equal((uint)lane.Length, chunk.TransactionCount);
                Assert.Equal(FinalizedBlock.TransactionsRoot(lane), chunk.TransactionsRoot);
            }
        });

    [Fact]
    public void Incoming_receipts_belong_to_their_destination_and_outgoing_ones_to_their_source() =>
        Gen.Select(ProtocolGenerators.ShardReceipt.Array[0, 8], ShardCount).Sample((receipts, count) =>
        {
            var inShards = receipts.Select(r => r with { Source = (ushort)(r.Source % count), Destination = (ushort)(r.Destination % count) }).ToArray();
            var incoming = inShards.Select(r => new IncomingReceipt(r, 0, 1, [])).ToArray();
            var chunks = ChunkLayout.Headers(count, [], incoming, inShards);
            foreach (var chunk in chunks)
            {
                var inbound = inShards.Where(r => r.Destination == chunk.Shard).Select(r => r.Encode()).ToArray();
                var outbound = inShards.Where(r => r.Source == chunk.Shard).Select(r => r.Encode()).ToArray();
                Assert.Equal(((uint)inbound.Length, BinaryMerkle.Root(inbound)), (chunk.IncomingCount, chunk.IncomingRoot));
                Assert.Equal(((uint)outbound.Length, BinaryMerkle.Root(outbound)), (chunk.OutgoingCount, chunk.OutgoingRoot));
            }
        });

    [Fact]
    public void An_empty_chunk_has_count_zero_and_empty_tree_roots()
    {
        var empty = Hashing.Sha256([]);
        var chunk = Assert.Single(ChunkLayout.Headers(1, [], [], []));
        Assert.Equal(new ChunkHeader(0, 0, empty, 0, empty, 0, empty), chunk);
        Assert.Throws<ArgumentOutOfRangeException>(() => ChunkLayout.Headers(0, [], [], []));
    }

    [Fact]
    public void The_chunks_root_is_rfc_6962_over_the_encoded_headers_and_changes_with_any_of_them() =>
        ProtocolGenerators.ChunkHeader.Array[1, 6].Sample(chunks =>
        {
            var root = ChunkHeader.Root(chunks);
            Assert.Equal(BinaryMerkle.Root(chunks.Select(c => c.Encode()).ToArray()), root);
            var changed = (ChunkHeader[])chunks.Clone();
            changed[^1] = changed[^1] with { OutgoingCount = changed[^1].OutgoingCount ^ 1 };
            Assert.NotEqual(root, ChunkHeader.Root(changed));
        });
}
