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
/// Layout: <c>x/p/{destination u16}{source u16}{sequence u64}</c> → source height u64 while a transfer receipt (channel 0) is in
/// flight, and <c>x/c/…</c> the same for a contract receipt (call or callback, channel 1, which numbers its own sequences);
/// <c>x/l/{origin hash}{height u64}</c> → for every block that sent or applied a receipt of that transaction, those receipts:
/// <c>(direction u8 (1 applied, 2 sent) | receipt)*</c> (receipts are self-delimiting: 102 bytes for a transfer's), so a
/// transaction's legs are read without decoding its blocks (an empty value, as written before the receipts were kept here, means:
/// read the block). Integers are big-endian, so the in-flight receipts of a channel list by destination, source and sequence:
/// the order they must apply in.
/// </remarks>
public sealed class CrossShardIndex(IKeyValueReader reader)
{
    private static ReadOnlySpan<byte> PendingPrefix => "x/p/"u8;

    private static ReadOnlySpan<byte> ContractPendingPrefix => "x/c/"u8;

    private static ReadOnlySpan<byte> LegPrefix => "x/l/"u8;

    public static void Stage(WriteBatch batch, FinalizedBlock block)
    {
        var height = KeyCodec.EncodeU64(block.Header.Height);
        var legs = new Dictionary<Hash32, List<(LegDirection, ShardReceipt)>>();
        void Leg(ShardReceipt receipt, LegDirection direction)
        {
            if (!legs.TryGetValue(receipt.Origin, out var list))
            {
                legs[receipt.Origin] = list = [];
            }

            list.Add((direction, receipt));
        }

        foreach (var entry in block.Incoming)
        {
            batch.Delete(PendingKey(entry.Receipt));
            Leg(entry.Receipt, LegDirection.Applied);
        }

        foreach (var receipt in block.Outgoing)
        {
            batch.Put(PendingKey(receipt), height);
            Leg(receipt, LegDirection.Sent);
        }

        foreach (var (origin, receipts) in legs)
        {
            var w = new Chain.Protocol.Encoding.CanonicalWriter(receipts.Sum(r => 1 + r.Item2.EncodedLength));
            foreach (var (direction, receipt) in receipts)
            {
                w.WriteU8((byte)direction);
                receipt.Write(w);
            }

            batch.Put(LegKey(origin, block.Header.Height), w.ToArray());
        }
    }

    /// <summary>
    /// Up to <paramref name="max"/> receipts in flight, in the order a destination must apply them, each with its proof.
    /// <paramref name="chunkAt"/> gives the proven receipts of the chunk a shard sent at a height, by (destination, sequence); a
    /// caller keeps them between calls so that a chunk's block is decoded and its proofs computed once, not once per proposal.
    /// </summary>
    public List<IncomingReceipt> InFlight(int max, Func<ulong, ushort, IReadOnlyDictionary<(ushort Destination, byte Channel, ulong Sequence), IncomingReceipt>> chunkAt)
    {
        var result = new List<IncomingReceipt>();
        foreach (var (prefix, channel) in new[] { (PendingPrefix.ToArray(), ShardReceipt.TransferChannel), (ContractPendingPrefix.ToArray(), ShardReceipt.ContractChannel) })
        {
            foreach (var (key, value) in reader.ScanPrefix(prefix))
            {
                if (result.Count >= max)
                {
                    break;
                }

                var destination = BinaryPrimitives.ReadUInt16BigEndian(key.AsSpan(prefix.Length));
                var source = BinaryPrimitives.ReadUInt16BigEndian(key.AsSpan(prefix.Length + 2));
                var sequence = BinaryPrimitives.ReadUInt64BigEndian(key.AsSpan(prefix.Length + 4));
                var height = KeyCodec.DecodeU64(value);

                // Sequences number the receipts of one (source, destination, channel): a chunk sending to several shards repeats them.
                result.Add(chunkAt(height, source).TryGetValue((destination, channel, sequence), out var proven)
                    ? proven
                    : throw new InvalidDataException($"receipt {source}->{destination} #{sequence} (channel {channel}) is in flight, but the chunk of block {height} did not send it"));
            }
        }

        // A block carries its incoming receipts grouped by destination (§13.4); within one, each channel keeps its own order.
        return [.. result.OrderBy(r => r.Receipt.Destination)];
    }

    /// <summary>The receipts shard <paramref name="source"/> sent in <paramref name="block"/>, each with its proof, by (destination, sequence).</summary>
    public static Dictionary<(ushort Destination, byte Channel, ulong Sequence), IncomingReceipt> ProveChunk(FinalizedBlock block, ushort source) =>
        IncomingReceipt.ProveAll([.. block.Outgoing.Where(r => r.Source == source)]).ToDictionary(r => (r.Receipt.Destination, r.Receipt.Channel, r.Receipt.Sequence));

    /// <summary>How many receipts are in flight to each destination shard.</summary>
    public Dictionary<ushort, int> InFlightByDestination()
    {
        var counts = new Dictionary<ushort, int>();
        foreach (var prefix in new[] { PendingPrefix.ToArray(), ContractPendingPrefix.ToArray() })
        {
            foreach (var (key, _) in reader.ScanPrefix(prefix))
            {
                var destination = BinaryPrimitives.ReadUInt16BigEndian(key.AsSpan(prefix.Length));
                counts[destination] = counts.GetValueOrDefault(destination) + 1;
            }
        }

        return counts;
    }

    /// <summary>
    /// The blocks that sent or applied a receipt of the transfer <paramref name="origin"/>, ascending by height, with those receipts;
    /// null receipts for an entry written before the index kept them (the caller reads the block).
    /// </summary>
    public List<(ulong Height, List<(LegDirection Direction, ShardReceipt Receipt)>? Receipts)> Legs(Hash32 origin)
    {
        var prefix = KeyCodec.WithHash(LegPrefix, origin);
        var legs = new List<(ulong, List<(LegDirection, ShardReceipt)>?)>();
        foreach (var (key, value) in reader.ScanPrefix(prefix))
        {
            var height = KeyCodec.DecodeU64(key.AsSpan(prefix.Length));
            if (value.Length == 0)
            {
                legs.Add((height, null));
                continue;
            }

            legs.Add((height, ReadLegs(value, origin, height)));
        }

        return legs;
    }

    private static List<(LegDirection, ShardReceipt)> ReadLegs(byte[] value, Hash32 origin, ulong height)
    {
        var receipts = new List<(LegDirection, ShardReceipt)>();
        try
        {
            var r = new Chain.Protocol.Encoding.CanonicalReader(value);
            while (r.Remaining > 0)
            {
                receipts.Add(((LegDirection)r.ReadU8(), ShardReceipt.Read(ref r)));
            }
        }
        catch (Chain.Protocol.Encoding.DecodeException e)
        {
            throw new InvalidDataException($"the cross-shard leg index entry of {origin} at height {height} is corrupt ({value.Length} bytes)", e);
        }

        return receipts;
    }

    private static byte[] PendingKey(ShardReceipt receipt)
    {
        var prefix = receipt.IsContract ? ContractPendingPrefix : PendingPrefix;
        var key = new byte[prefix.Length + 2 + 2 + 8];
        prefix.CopyTo(key);
        BinaryPrimitives.WriteUInt16BigEndian(key.AsSpan(prefix.Length), receipt.Destination);
        BinaryPrimitives.WriteUInt16BigEndian(key.AsSpan(prefix.Length + 2), receipt.Source);
        BinaryPrimitives.WriteUInt64BigEndian(key.AsSpan(prefix.Length + 4), receipt.Sequence);
        return key;
    }

    private static byte[] LegKey(Hash32 origin, ulong height) => KeyCodec.Concat(KeyCodec.WithHash(LegPrefix, origin), KeyCodec.EncodeU64(height));
}

/// <summary>Whether a block applied a cross-shard receipt (it arrived) or sent it.</summary>
public enum LegDirection : byte
{
    Applied = 1,
    Sent = 2,
}
