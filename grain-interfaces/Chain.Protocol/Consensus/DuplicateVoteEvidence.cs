using Chain.Protocol.Encoding;

namespace Chain.Protocol.Consensus;

/// <summary>
/// Proof that a validator equivocated: two votes of the same kind for the same (chain, height, round)
/// with different block hashes, both signed by the same key. <see cref="First"/> has the smaller block
/// hash, so one equivocation has exactly one encoding: <c>first vote | second vote</c>.
/// </summary>
public sealed record DuplicateVoteEvidence(SignedVote First, SignedVote Second)
{
    public const int EncodedMaxBytes = 2 * SignedVote.EncodedMaxBytes;

    /// <summary>Puts two conflicting votes in canonical order.</summary>
    public static DuplicateVoteEvidence Of(SignedVote a, SignedVote b) =>
        a.Vote.BlockHash.CompareTo(b.Vote.BlockHash) <= 0 ? new(a, b) : new(b, a);

    /// <summary>Null when this is valid evidence on <paramref name="chainId"/>; otherwise what is wrong. Cost: two Ed25519 verifications.</summary>
    public string? Check(string chainId)
    {
        var (a, b) = (First.Vote, Second.Vote);
        if (First.Validator != Second.Validator)
        {
            return "the two votes are signed by different validators";
        }

        if (a.Kind != b.Kind || a.Height != b.Height || a.Round != b.Round || !string.Equals(a.ChainId, b.ChainId, StringComparison.Ordinal))
        {
            return "the two votes are not for the same kind, height and round";
        }

        if (!string.Equals(a.ChainId, chainId, StringComparison.Ordinal))
        {
            return $"the votes are for chain '{a.ChainId}', not '{chainId}'";
        }

        if (a.BlockHash.CompareTo(b.BlockHash) >= 0)
        {
            return "the votes do not conflict, or are not in canonical order (smaller block hash first)";
        }

        return !First.HasValidSignature() || !Second.HasValidSignature() ? "a vote's signature does not verify" : null;
    }

    public void Write(CanonicalWriter w)
    {
        First.Write(w);
        Second.Write(w);
    }

    public byte[] Encode()
    {
        var w = new CanonicalWriter(EncodedMaxBytes);
        Write(w);
        return w.ToArray();
    }

    public static DuplicateVoteEvidence Decode(ReadOnlySpan<byte> bytes)
    {
        var r = new CanonicalReader(bytes);
        var evidence = Read(ref r);
        r.EnsureEnd();
        return evidence;
    }

    internal static DuplicateVoteEvidence Read(ref CanonicalReader r) => new(SignedVote.Read(ref r), SignedVote.Read(ref r));
}
