using Chain.Protocol.Blocks;
using Chain.Protocol.Consensus;
using Chain.Protocol.Crypto;

namespace Chain.Tests.Unit.Protocol.Vectors;

internal static partial class VectorFixtures
{
    /// <summary>Another block 2 (one millisecond later): what an equivocating validator also votes for.</summary>
    public static BlockHeader CompetingBlock2() => Block2() with { TimeUnixMs = Block2().TimeUnixMs + 1 };

    /// <summary>A vote signed by the key of <paramref name="seed"/>.</summary>
    public static SignedVote VoteBy(byte seed, VoteKind kind, ulong height, uint round, Hash32 blockHash, string chainId = ChainId)
    {
        using var key = Key(seed);
        return SignedVote.Create(new Vote(kind, chainId, height, round, blockHash), key);
    }

    /// <summary>A proposal signed by the key of <paramref name="seed"/>.</summary>
    public static SignedProposal ProposalBy(byte seed, BlockHeader header, uint round, int polRound)
    {
        using var key = Key(seed);
        return SignedProposal.Create(header.ChainId, header.Height, round, polRound, header.Hash(), key);
    }

    /// <summary>Seed 0x01 prevotes for block 2 and for the competing block 2 at height 2, round 1.</summary>
    public static DuplicateVoteEvidence DoublePrevote() => DuplicateVoteEvidence.Of(
        VoteBy(1, VoteKind.Prevote, 2, 1, Block2().Hash()),
        VoteBy(1, VoteKind.Prevote, 2, 1, CompetingBlock2().Hash()));

    /// <summary>Seed 0x03 precommits nil and block 2 at height 2, round 1: nil (the zero hash) comes first.</summary>
    public static DuplicateVoteEvidence NilAndBlockPrecommit() => DuplicateVoteEvidence.Of(
        VoteBy(3, VoteKind.Precommit, 2, 1, Block2().Hash()),
        VoteBy(3, VoteKind.Precommit, 2, 1, Hash32.Zero));
}
