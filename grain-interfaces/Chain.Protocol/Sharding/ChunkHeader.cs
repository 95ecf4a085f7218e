using Chain.Protocol.Crypto;
using Chain.Protocol.Encoding;
using Chain.Protocol.Proofs;

namespace Chain.Protocol.Sharding;

/// <summary>
/// One shard's part of a block (docs/protocol.md §13.2): its transactions (those whose lane is this shard, in block order), the
/// cross-shard receipts it applied, and the cross-shard receipts it sent. Roots are RFC 6962 over transaction hashes, encoded
/// incoming receipts and encoded outgoing receipts. The block header's <c>ChunksRoot</c> is RFC 6962 over the encoded chunk
/// headers of shards 0..N-1, so one certificate finalizes every shard.
/// Encoding: <c>shard u16 | txCount u32 | txRoot 32 | incomingCount u32 | incomingRoot 32 | outgoingCount u32 | outgoingRoot 32</c>.
/// </summary>
public sealed record ChunkHeader(
    ushort Shard,
    uint TransactionCount,
    Hash32 TransactionsRoot,
    uint IncomingCount,
    Hash32 IncomingRoot,
    uint OutgoingCount,
    Hash32 OutgoingRoot)
{
    public const int EncodedSize = 2 + 4 + 32 + 4 + 32 + 4 + 32;

    public byte[] Encode()
    {
        var w = new CanonicalWriter(EncodedSize);
        w.WriteU16(Shard);
        w.WriteU32(TransactionCount);
        w.WriteFixed(TransactionsRoot.ToArray());
        w.WriteU32(IncomingCount);
        w.WriteFixed(IncomingRoot.ToArray());
        w.WriteU32(OutgoingCount);
        w.WriteFixed(OutgoingRoot.ToArray());
        return w.ToArray();
    }

    public static ChunkHeader Decode(ReadOnlySpan<byte> bytes)
    {
        var r = new CanonicalReader(bytes);
        var header = new ChunkHeader(r.ReadU16(), r.ReadU32(), new Hash32(r.ReadFixed(32)), r.ReadU32(), new Hash32(r.ReadFixed(32)), r.ReadU32(), new Hash32(r.ReadFixed(32)));
        r.EnsureEnd();
        return header;
    }

    /// <summary>The header's chunks root over chunk headers of shards 0..N-1.</summary>
    public static Hash32 Root(IReadOnlyList<ChunkHeader> chunks) => BinaryMerkle.Root(chunks.Select(c => c.Encode()).ToArray());
}
