using Chain.Protocol.Crypto;
using Chain.Protocol.Encoding;

namespace Chain.Protocol.Consensus;

/// <summary>
/// The leader's proposal of a block for (height, round). <see cref="PolRound"/> is the round in which the
/// proposer saw a polka (prevotes of more than 2/3) for this block, or -1. The proposer signs
/// <c>"chain/proposal/v1" || 0x00 || chainId | height u64 | round u32 | polRound i64 | blockHash 32</c>.
/// The block itself travels next to the proposal (<see cref="ConsensusMessage"/>); its header hash must equal
/// <see cref="BlockHash"/>. On the wire <see cref="PolRound"/> is an i64, but a decoder accepts only -1 or
/// 0 ≤ polRound &lt; round with polRound ≤ 2^31 − 1, so every accepted value fits <see cref="PolRound"/>.
/// </summary>
public sealed record SignedProposal(string ChainId, ulong Height, uint Round, int PolRound, Hash32 BlockHash, PublicKey Proposer, Signature Signature)
{
    public const int EncodedMaxBytes = 1 + ProtocolLimits.MaxChainIdLength + 8 + 4 + 8 + 32 + PublicKey.Size + Signature.Size;

    /// <summary>The length of <see cref="Write"/>'s output: the maximum, less the chain id's unused room.</summary>
    public int EncodedLength => EncodedMaxBytes - ProtocolLimits.MaxChainIdLength + ChainId.Length;

    public static byte[] SigningBytes(string chainId, ulong height, uint round, int polRound, Hash32 blockHash)
    {
        var w = new CanonicalWriter(128);
        w.WriteFixed(System.Text.Encoding.ASCII.GetBytes(HashTags.Proposal));
        w.WriteU8(0);
        w.WriteAscii(chainId);
        w.WriteU64(height);
        w.WriteU32(round);
        w.WriteI64(polRound);
        w.WriteFixed(blockHash.ToArray());
        return w.ToArray();
    }

    public static SignedProposal Create(string chainId, ulong height, uint round, int polRound, Hash32 blockHash, KeyPair key) =>
        new(chainId, height, round, polRound, blockHash, key.PublicKey, key.Sign(SigningBytes(chainId, height, round, polRound, blockHash)));

    /// <summary>Checks the signature and that <see cref="PolRound"/> is -1 or an earlier round. Cost: one Ed25519 verification.</summary>
    public bool HasValidSignature() =>
        PolRound >= -1 && PolRound < (long)Round &&
        Proposer.Verify(SigningBytes(ChainId, Height, Round, PolRound, BlockHash), Signature);

    public void Write(CanonicalWriter w)
    {
        w.WriteAscii(ChainId);
        w.WriteU64(Height);
        w.WriteU32(Round);
        w.WriteI64(PolRound);
        w.WriteFixed(BlockHash.ToArray());
        w.WriteFixed(Proposer.ToArray());
        w.WriteFixed(Signature.ToArray());
    }

    internal static SignedProposal Read(ref CanonicalReader r)
    {
        var chainId = r.ReadAscii(ProtocolLimits.MaxChainIdLength);
        var height = r.ReadU64();
        var round = r.ReadU32();
        var polRound = r.ReadI64();
        if (polRound < -1 || polRound >= round)
        {
            throw new DecodeException($"proposal polRound {polRound} is not -1 or an earlier round than {round}");
        }

        if (polRound > int.MaxValue)
        {
            throw new DecodeException($"proposal polRound {polRound} exceeds {int.MaxValue}");
        }

        return new SignedProposal(chainId, height, round, (int)polRound, new Hash32(r.ReadFixed(32)), new PublicKey(r.ReadFixed(PublicKey.Size)), new Signature(r.ReadFixed(Signature.Size)));
    }
}
