using Chain.Protocol.Crypto;
using Chain.Protocol.Proofs;
using Chain.Protocol.Transactions;

namespace Chain.Protocol.Sharding;

/// <summary>
/// How a block's body splits into chunks (docs/protocol.md §13.2). A transaction's lane is its sender's shard when its payload is
/// a plain transfer, and the metashard (0) otherwise; with one shard everything is lane 0. Incoming receipts belong to their
/// destination's chunk, outgoing ones to their source's.
/// </summary>
public static class ChunkLayout
{
    public static ushort LaneOf(SignedTransaction tx, ushort shardCount) =>
        shardCount == 1 || tx.Body.Payload is not Transfer ? ShardMap.MetaShard : ShardMap.ShardOf(tx.Body.SenderAddress, shardCount);

    /// <summary>
    /// The chunk headers of shards 0..<paramref name="shardCount"/>-1 for a block body. With one shard the chunk's transactions root
    /// is the block's: a caller that has it passes <paramref name="blockTransactionsRoot"/> and saves hashing the transactions again.
    /// </summary>
    public static ChunkHeader[] Headers(
        ushort shardCount,
        IReadOnlyList<SignedTransaction> transactions,
        IReadOnlyList<IncomingReceipt> incoming,
        IReadOnlyList<ShardReceipt> outgoing,
        Hash32? blockTransactionsRoot = null)
    {
        ArgumentOutOfRangeException.ThrowIfZero(shardCount);
        var txs = Buckets<byte[]>(shardCount);
        if (shardCount > 1 || blockTransactionsRoot is null)
        {
            foreach (var tx in transactions)
            {
                txs[LaneOf(tx, shardCount)].Add(tx.Hash.ToArray());
            }
        }

        var inbound = Buckets<byte[]>(shardCount);
        foreach (var entry in incoming)
        {
            if (entry.Receipt.Destination < shardCount)
            {
                inbound[entry.Receipt.Destination].Add(entry.Receipt.Encode());
            }
        }

        var outbound = Buckets<byte[]>(shardCount);
        foreach (var receipt in outgoing)
        {
            if (receipt.Source < shardCount)
            {
                outbound[receipt.Source].Add(receipt.Encode());
            }
        }

        var headers = new ChunkHeader[shardCount];
        for (var s = 0; s < shardCount; s++)
        {
            var single = shardCount == 1 && blockTransactionsRoot is not null;
            headers[s] = new ChunkHeader(
                (ushort)s,
                single ? (uint)transactions.Count : (uint)txs[s].Count,
                single ? blockTransactionsRoot!.Value : BinaryMerkle.Root(txs[s]),
                (uint)inbound[s].Count,
                BinaryMerkle.Root(inbound[s]),
                (uint)outbound[s].Count,
                BinaryMerkle.Root(outbound[s]));
        }

        return headers;
    }

    private static List<T>[] Buckets<T>(int count)
    {
        var buckets = new List<T>[count];
        for (var i = 0; i < count; i++)
        {
            buckets[i] = [];
        }

        return buckets;
    }
}
