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
/// <c>x/l/{origin hash}{height u64}</c> → for every block that sent or applied a receipt of that transfer, those receipts:
/// <c>(direction u8 (1 applied, 2 sent) | receipt 102)*</c>, so a transfer's legs are read without decoding its blocks (an
/// empty value, as written before the receipts were kept here, means: read the block). Integers are big-endian, so the
/// in-flight receipts list by destination, source and sequence: the order they must apply in.
/// </remarks>
public sealed class CrossShardIndex(IKeyValueReader reader)
{
    private static ReadOnlySpan<byte> PendingPrefix => "x/p/"u8;

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
            var value = new byte[receipts.Count * (1 + ShardReceipt.EncodedSize)];
            for (var i = 0; i < receipts.Count; i++)
            {
                var at = i * (1 + ShardReceipt.EncodedSize);
                value[at] = (byte)receipts[i].Item1;
                receipts[i].Item2.Encode().CopyTo(value, at + 1);
            }

            batch.Put(LegKey(origin, block.Header.Height), value);
        }
    }

    /// <summary>
    /// Up to <paramref name="max"/> receipts in flight, in the order a destination must apply them, each with its proof.
    /// <paramref name="chunkAt"/> gives the proven receipts of the chunk a shard sent at a height, by (destination, sequence); a
    /// caller keeps them between calls so that a chunk's block is decoded and its proofs computed once, not once per proposal.
    /// </summary>
    public List<IncomingReceipt> InFlight(int max, Func<ulong, ushort, IReadOnlyDictionary<(ushort Destination, ulong Sequence), IncomingReceipt>> chunkAt)
    {
        var result = new List<IncomingReceipt>();
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

            // Sequences number the receipts of one (source, destination) pair: a chunk sending to several shards repeats them.
            result.Add(chunkAt(height, source).TryGetValue((destination, sequence), out var proven)
                ? proven
                : throw new InvalidDataException($"receipt {source}->{destination} #{sequence} is in flight, but the chunk of block {height} did not send it"));
        }

        return result;
    }

    /// <summary>The receipts shard <paramref name="source"/> sent in <paramref name="block"/>, each with its proof, by (destination, sequence).</summary>
    public static Dictionary<(ushort Destination, ulong Sequence), IncomingReceipt> ProveChunk(FinalizedBlock block, ushort source) =>
        IncomingReceipt.ProveAll([.. block.Outgoing.Where(r => r.Source == source)]).ToDictionary(r => (r.Receipt.Destination, r.Receipt.Sequence));

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

            if (value.Length % (1 + ShardReceipt.EncodedSize) != 0)
            {
                throw new InvalidDataException($"the cross-shard leg index entry of {origin} at height {height} is corrupt ({value.Length} bytes)");
            }

            var receipts = new List<(LegDirection, ShardReceipt)>();
            for (var at = 0; at < value.Length; at += 1 + ShardReceipt.EncodedSize)
            {
                receipts.Add(((LegDirection)value[at], ShardReceipt.Decode(value.AsSpan(at + 1, ShardReceipt.EncodedSize))));
            }

            legs.Add((height, receipts));
        }

        return legs;
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

/// <summary>Whether a block applied a cross-shard receipt (it arrived) or sent it.</summary>
public enum LegDirection : byte
{
    Applied = 1,
    Sent = 2,
}
