using Chain.Protocol.Crypto;
using Chain.Protocol.Encoding;

namespace Chain.Protocol.Blocks;

/// <summary>
/// What a validator signs: <c>"chain/vote/v1" || 0x00 || kind u8 | chainId | height u64 | round u32 | blockHash</c>.
/// A certificate is a set of precommit signatures over one (height, round, blockHash).
/// </summary>
public sealed record Vote(VoteKind Kind, string ChainId, ulong Height, uint Round, Hash32 BlockHash)
{
    public byte[] SigningBytes()
    {
        var w = new CanonicalWriter(96);
        w.WriteFixed(System.Text.Encoding.ASCII.GetBytes(HashTags.Vote));
        w.WriteU8(0);
        w.WriteU8((byte)Kind);
        w.WriteAscii(ChainId);
        w.WriteU64(Height);
        w.WriteU32(Round);
        w.WriteFixed(BlockHash.ToArray());
        return w.ToArray();
    }
}

public enum VoteKind : byte
{
    Prevote = 1,
    Precommit = 2,
}
