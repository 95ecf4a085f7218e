using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;

namespace Chain.Core.Blocks;

/// <summary>Signs precommits and gathers them into a quorum certificate.</summary>
public static class CommitSigner
{
    public static CommitSignature Sign(BlockHeader header, uint round, ValidatorSet validators, KeyPair key)
    {
        var index = validators.IndexOf(key.PublicKey);
        if (index < 0)
        {
            throw new InvalidOperationException($"key {key.PublicKey} is not in the validator set");
        }

        var vote = new Vote(VoteKind.Precommit, header.ChainId, header.Height, round, header.Hash());
        return new CommitSignature((uint)index, key.Sign(vote.SigningBytes()));
    }

    /// <summary>A certificate from signatures already collected; sorted by validator index as the encoding requires.</summary>
    public static QuorumCertificate Certificate(BlockHeader header, uint round, IEnumerable<CommitSignature> signatures) =>
        new(header.Height, round, header.Hash(), [.. signatures.OrderBy(s => s.ValidatorIndex)]);
}
