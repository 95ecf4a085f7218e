using System.Buffers.Binary;
using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;
using Chain.Protocol.Sharding;

namespace Chain.Storage;

/// <summary>
/// The node's index of cross-shard receipts, staged with each block (<see cref="BlockStore.Stage"/>): which receipts are in
/// flight (sent by a finalized block, not yet applied by one), and which blocks hold the legs of a transfer.
/// </summary>
/// <remarks>
/// Layout: <c>x/p/{destination u16}{source u16}{sequence u64}</c> → source height u64 while the receipt is in flight;
/// <c>x/l/{origin hash}{height u64}</c> → empty, for every block that sent or applied a receipt of that transfer
/// (integers big-endian, so the in-flight receipts list by destination, source and sequence: the order they must apply in).
/// </remarks>
public sealed class CrossShardIndex(IKeyValueReader reader)
{
    private static ReadOnlySpan<byte> PendingPrefix => "x/p/"u8;

    private static ReadOnlySpan<byte> LegPrefix => "x/l/"u8;

    public static void Stage(WriteBatch batch, FinalizedBlock block)
    {
        var height = KeyCodec.EncodeU64(block.Header.Height);
        foreach (var entry in block.Incoming)
        {
            batch.Delete(PendingKey(entry.Receipt));
            batch.Put(LegKey(entry.Receipt.Origin, block.Header.Height), []);
        }

        foreach (var receipt in block.Outgoing)
        {
            batch.Put(PendingKey(receipt), height);
            batch.Put(LegKey(receipt.Origin, block.Header.Height), []);
        }
    }

    /// <summary>Up to <paramref name="max"/> receipts in flight, in the order a destination must apply them, each with its proof.</summary>
    public List<IncomingReceipt> InFlight(int max, Func<ulong, FinalizedBlock?> blockAt)
    {
        var result = new List<IncomingReceipt>();
        var proven = new Dictionary<(ulong Height, ushort Source), IncomingReceipt[]>();
        foreach (var (key, value) in reader.ScanPrefix(PendingPrefix.ToArray()))
        {
            if (result.Count >= max)
            {
                break;
            }

            var destination = BinaryPrimitives.ReadUInt16BigEndian(key.AsSpan(PendingPrefix.Length));
            var source = BinaryPrimitives.ReadUInt16BigEndian(key.AsSpan(PendingPrefix.Length + 2));
            var sequence = BinaryPrimitives.ReadUInt64BigEndian(key.AsSpan(PendingPrefix.Length + 4));
            var height = KeyCodec.DecodeU64(value);
            if (!proven.TryGetValue((height, source), out var chunk))
            {
                var block = blockAt(height) ?? throw new InvalidDataException($"block {height}, which sent receipts still in flight, is missing");
                chunk = IncomingReceipt.ProveAll([.. block.Outgoing.Where(r => r.Source == source)]);
                proven[(height, source)] = chunk;
            }

            // Sequences number the receipts of one (source, destination) pair: a chunk sending to several shards repeats them.
            result.Add(chunk.Single(r => r.Receipt.Destination == destination && r.Receipt.Sequence == sequence));
        }

        return result;
    }

    /// <summary>How many receipts are in flight to each destination shard.</summary>
    public Dictionary<ushort, int> InFlightByDestination()
    {
        var counts = new Dictionary<ushort, int>();
        foreach (var (key, _) in reader.ScanPrefix(PendingPrefix.ToArray()))
        {
            var destination = BinaryPrimitives.ReadUInt16BigEndian(key.AsSpan(PendingPrefix.Length));
            counts[destination] = counts.GetValueOrDefault(destination) + 1;
        }

        return counts;
    }

    /// <summary>Heights of the blocks that sent or applied a receipt of the transfer <paramref name="origin"/>, ascending.</summary>
    public List<ulong> LegHeights(Hash32 origin)
    {
        var prefix = KeyCodec.WithHash(LegPrefix, origin);
        return [.. reader.ScanPrefix(prefix).Select(e => KeyCodec.DecodeU64(e.Key.AsSpan(prefix.Length)))];
    }

    private static byte[] PendingKey(ShardReceipt receipt)
    {
        var key = new byte[PendingPrefix.Length + 2 + 2 + 8];
        PendingPrefix.CopyTo(key);
        BinaryPrimitives.WriteUInt16BigEndian(key.AsSpan(PendingPrefix.Length), receipt.Destination);
        BinaryPrimitives.WriteUInt16BigEndian(key.AsSpan(PendingPrefix.Length + 2), receipt.Source);
        BinaryPrimitives.WriteUInt64BigEndian(key.AsSpan(PendingPrefix.Length + 4), receipt.Sequence);
        return key;
    }

    private static byte[] LegKey(Hash32 origin, ulong height) => KeyCodec.Concat(KeyCodec.WithHash(LegPrefix, origin), KeyCodec.EncodeU64(height));
}
