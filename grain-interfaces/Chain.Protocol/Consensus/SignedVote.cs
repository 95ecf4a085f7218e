using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;
using Chain.Protocol.Encoding;

namespace Chain.Protocol.Consensus;

/// <summary>
/// A prevote or precommit as it travels between validators: the <see cref="Vote"/>, the signer's key,
/// and its signature over <see cref="Vote.SigningBytes"/>. A vote for nil has <see cref="Hash32.Zero"/>
/// as its block hash. Encoding: <c>kind u8 | chainId | height u64 | round u32 | blockHash 32 | validator 32 | signature 64</c>.
/// Precommit signatures are exactly the signatures a <see cref="QuorumCertificate"/> carries.
/// </summary>
public sealed record SignedVote(Vote Vote, PublicKey Validator, Signature Signature)
{
    public const int EncodedMaxBytes = 1 + 1 + ProtocolLimits.MaxChainIdLength + 8 + 4 + 32 + PublicKey.Size + Signature.Size;

    public bool IsNil => Vote.BlockHash.IsZero;

    /// <summary>Checks the signature. Cost: one Ed25519 verification.</summary>
    public bool HasValidSignature() => Validator.Verify(Vote.SigningBytes(), Signature);

    public static SignedVote Create(Vote vote, KeyPair key) => new(vote, key.PublicKey, key.Sign(vote.SigningBytes()));

    public void Write(CanonicalWriter w)
    {
        Vote.Write(w);
        w.WriteFixed(Validator.ToArray());
        w.WriteFixed(Signature.ToArray());
    }

    public byte[] Encode()
    {
        var w = new CanonicalWriter(EncodedMaxBytes);
        Write(w);
        return w.ToArray();
    }

    public static SignedVote Decode(ReadOnlySpan<byte> bytes)
    {
        var r = new CanonicalReader(bytes);
        var vote = Read(ref r);
        r.EnsureEnd();
        return vote;
    }

    internal static SignedVote Read(ref CanonicalReader r) =>
        new(Vote.Read(ref r), new PublicKey(r.ReadFixed(PublicKey.Size)), new Signature(r.ReadFixed(Signature.Size)));
}
