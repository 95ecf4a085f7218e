using Chain.Protocol.Crypto;
using Chain.Protocol.Encoding;

namespace Chain.Protocol.Blocks;

/// <summary>
/// Precommit signatures over one block hash from validators holding more than 2/3 of the power.
/// Encoding: <c>height u64 | round u32 | blockHash 32 | count u32 | (index u32 | signature 64)*</c>,
/// signatures sorted by strictly ascending index.
/// </summary>
public sealed record QuorumCertificate(ulong Height, uint Round, Hash32 BlockHash, IReadOnlyList<CommitSignature> Signatures)
{
    /// <summary><c>Tagged("chain/certificate/v1", encode)</c>: what a child header's LastCertificateHash commits to.</summary>
    public Hash32 Hash() => Crypto.Hashing.Tagged(Crypto.HashTags.Certificate, Encode());

    /// <summary>The hash of an optional certificate: zero when there is none (the parent of block 1 is the genesis).</summary>
    public static Hash32 HashOf(QuorumCertificate? certificate) => certificate?.Hash() ?? Hash32.Zero;

    public byte[] Encode()
    {
        var w = new CanonicalWriter(48 + (Signatures.Count * 68));
        w.WriteU64(Height);
        w.WriteU32(Round);
        w.WriteFixed(BlockHash.ToArray());
        w.WriteU32((uint)Signatures.Count);
        foreach (var s in Signatures)
        {
            w.WriteU32(s.ValidatorIndex);
            w.WriteFixed(s.Signature.ToArray());
        }

        return w.ToArray();
    }

    public static QuorumCertificate Decode(ReadOnlySpan<byte> bytes)
    {
        var r = new CanonicalReader(bytes);
        var height = r.ReadU64();
        var round = r.ReadU32();
        var hash = new Hash32(r.ReadFixed(32));
        var count = r.ReadCount(ProtocolLimits.MaxValidators, 68);
        var sigs = new List<CommitSignature>(count);
        for (var i = 0; i < count; i++)
        {
            var index = r.ReadU32();
            if (i > 0 && index <= sigs[i - 1].ValidatorIndex)
            {
                throw new DecodeException("certificate signatures must be in strictly ascending validator order");
            }

            sigs.Add(new CommitSignature(index, new Signature(r.ReadFixed(Signature.Size))));
        }

        r.EnsureEnd();
        return new QuorumCertificate(height, round, hash, sigs);
    }
}
