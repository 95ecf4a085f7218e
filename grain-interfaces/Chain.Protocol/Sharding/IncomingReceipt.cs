using Chain.Protocol.Crypto;
using Chain.Protocol.Encoding;
using Chain.Protocol.Proofs;

namespace Chain.Protocol.Sharding;

/// <summary>
/// A cross-shard receipt as a block carries it to its destination: the receipt and its RFC 6962 audit path in the outgoing
/// receipts of its source chunk (leaf <see cref="Index"/> of <see cref="LeafCount"/>). The destination checks the path
/// against the outgoing root that the source chunk left in state at <c>(source, sourceHeight)</c> (§13.4), so no relayer,
/// proposer or grain has to be trusted with the receipt's content.
/// Encoding: <c>receipt bytes (≤ <see cref="ShardReceipt.MaxEncodedSize"/>) | index u32 | leafCount u32 | pathLength u8 | hash 32 * pathLength</c>.
/// </summary>
public sealed record IncomingReceipt(ShardReceipt Receipt, uint Index, uint LeafCount, IReadOnlyList<Hash32> Path)
{
    public const int MaxEncodedSize = 4 + ShardReceipt.MaxEncodedSize + 4 + 4 + 1 + (ProtocolLimits.MaxAuditPath * 32);

    /// <summary>Whether the path proves the receipt against <paramref name="outgoingRoot"/> of a chunk with <paramref name="outgoingCount"/> receipts.</summary>
    public bool Verifies(Hash32 outgoingRoot, uint outgoingCount) =>
        LeafCount == outgoingCount && BinaryMerkle.VerifyInclusion(outgoingRoot, Receipt.Encode(), Index, LeafCount, Path);

    public void Write(CanonicalWriter w)
    {
        w.WriteBytes(Receipt.Encode());
        w.WriteU32(Index);
        w.WriteU32(LeafCount);
        w.WriteU8((byte)Path.Count);
        foreach (var hash in Path)
        {
            w.WriteFixed(hash.ToArray());
        }
    }

    /// <summary>The encoded length: <c>4 + receipt + 9 + 32 * path</c>.</summary>
    public int EncodedLength => 4 + Receipt.EncodedLength + 4 + 4 + 1 + (32 * Path.Count);

    public byte[] Encode()
    {
        var w = new CanonicalWriter(EncodedLength);
        Write(w);
        return w.ToArray();
    }

    public static IncomingReceipt Decode(ReadOnlySpan<byte> bytes)
    {
        var r = new CanonicalReader(bytes);
        var incoming = Read(ref r);
        r.EnsureEnd();
        return incoming;
    }

    public static IncomingReceipt Read(ref CanonicalReader r)
    {
        var receipt = ShardReceipt.Decode(r.ReadBytes(ShardReceipt.MaxEncodedSize));
        var index = r.ReadU32();
        var count = r.ReadU32();
        var length = r.ReadU8();
        if (length > ProtocolLimits.MaxAuditPath)
        {
            throw new DecodeException($"an audit path of {length} hashes is longer than {ProtocolLimits.MaxAuditPath}");
        }

        var path = new Hash32[length];
        for (var i = 0; i < length; i++)
        {
            path[i] = new Hash32(r.ReadFixed(32));
        }

        return new IncomingReceipt(receipt, index, count, path);
    }

    /// <summary>Proofs for every receipt of one source chunk, in order (the receipts must be that chunk's whole outgoing list).</summary>
    public static IncomingReceipt[] ProveAll(IReadOnlyList<ShardReceipt> chunkOutgoing)
    {
        var leaves = chunkOutgoing.Select(r => r.Encode()).ToArray();
        var paths = BinaryMerkle.AuditPaths(leaves);
        var result = new IncomingReceipt[leaves.Length];
        for (var i = 0; i < leaves.Length; i++)
        {
            result[i] = new IncomingReceipt(chunkOutgoing[i], (uint)i, (uint)leaves.Length, paths[i]);
        }

        return result;
    }
}
