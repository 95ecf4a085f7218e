using Chain.Protocol.Crypto;
using Chain.Protocol.Encoding;

namespace Chain.Protocol.Blocks;

/// <summary>
/// What a validator signs: <c>"chain/vote/v1" || 0x00 || kind u8 | chainId | height u64 | round u32 | blockHash</c>.
/// A vote for nil carries <see cref="Hash32.Zero"/>. A certificate is a set of precommit signatures over
/// one (height, round, blockHash).
/// </summary>
public sealed record Vote(VoteKind Kind, string ChainId, ulong Height, uint Round, Hash32 BlockHash)
{
    public byte[] SigningBytes()
    {
        var w = new CanonicalWriter(96);
        w.WriteFixed(System.Text.Encoding.ASCII.GetBytes(HashTags.Vote));
        w.WriteU8(0);
        Write(w);
        return w.ToArray();
    }

    /// <summary>The vote's fields without the domain tag: <c>kind u8 | chainId | height u64 | round u32 | blockHash 32</c>.</summary>
    public void Write(CanonicalWriter w)
    {
        w.WriteU8((byte)Kind);
        w.WriteAscii(ChainId);
        w.WriteU64(Height);
        w.WriteU32(Round);
        w.WriteFixed(BlockHash.ToArray());
    }

    internal static Vote Read(ref CanonicalReader r)
    {
        var kind = r.ReadU8();
        if (kind is not ((byte)VoteKind.Prevote or (byte)VoteKind.Precommit))
        {
            throw new DecodeException($"unknown vote kind {kind}");
        }

        return new Vote((VoteKind)kind, r.ReadAscii(ProtocolLimits.MaxChainIdLength), r.ReadU64(), r.ReadU32(), new Hash32(r.ReadFixed(32)));
    }
}

public enum VoteKind : byte
{
    Prevote = 1,
    Precommit = 2,
}
