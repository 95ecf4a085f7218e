using Chain.Protocol.Blocks;

namespace Chain.Core.Blocks;

/// <summary>
/// Checks the certificate a block carries for its parent (the head): absent at height 1; otherwise precommits
/// for (head height, head hash) by distinct members of the set that certified the head, holding more than 2/3
/// of its power. Bounded cost: the signature count, index order and quorum power are checked from the indexes
/// alone, before any signature; then at most one Ed25519 check per member of the set.
/// </summary>
public static class ParentCertificate
{
    /// <summary>Null when <paramref name="certificate"/> is right for a child of <paramref name="head"/>; otherwise what is wrong.</summary>
    public static string? Check(string chainId, ChainHead head, QuorumCertificate? certificate, ValidatorSet? parentSet)
    {
        if (head.Height == 0)
        {
            return certificate is null ? null : "block 1 must not carry a parent certificate";
        }

        if (certificate is null)
        {
            return $"block {head.Height + 1} must carry the certificate of block {head.Height}";
        }

        if (parentSet is null)
        {
            return "the state has no previous validator set to check the parent certificate against";
        }

        if (certificate.Height != head.Height || certificate.BlockHash != head.BlockHash)
        {
            return "the parent certificate is for another block";
        }

        if (certificate.Signatures.Count > parentSet.Count)
        {
            return "the parent certificate has more signatures than its validator set has members";
        }

        ulong power = 0;
        long previous = -1;
        foreach (var s in certificate.Signatures)
        {
            if (s.ValidatorIndex >= (uint)parentSet.Count || s.ValidatorIndex <= previous)
            {
                return $"a parent-certificate signature names validator {s.ValidatorIndex}, which is unknown or repeated";
            }

            previous = s.ValidatorIndex;
            power += parentSet.Validators[(int)s.ValidatorIndex].Power;
        }

        if (!parentSet.IsQuorum(power))
        {
            return $"the parent certificate's signers hold {power} of {parentSet.TotalPower} power, not more than 2/3";
        }

        var message = new Vote(VoteKind.Precommit, chainId, head.Height, certificate.Round, head.BlockHash).SigningBytes();
        foreach (var s in certificate.Signatures)
        {
            if (!parentSet.Validators[(int)s.ValidatorIndex].PublicKey.Verify(message, s.Signature))
            {
                return $"the parent-certificate signature of validator {s.ValidatorIndex} does not verify";
            }
        }

        return null;
    }
}
