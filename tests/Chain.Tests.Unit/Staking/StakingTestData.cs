using Chain.Core.Blocks;
using Chain.Core.Staking;
using Chain.Protocol.Blocks;
using Chain.Protocol.Consensus;
using Chain.Protocol.Crypto;
using Chain.Protocol.Genesis;
using Chain.Tests.Unit.Core;

namespace Chain.Tests.Unit.Staking;

/// <summary>Parameters, evidence and small lookups shared by the staking tests.</summary>
internal static class StakingTestData
{
    /// <summary>Short periods so a test sees epochs, unbonding and jails within a few blocks.</summary>
    public static StakingParameters Quick(
        ulong epochLength = 5,
        ulong unbondingPeriod = 8,
        uint maxValidators = 10,
        ulong minSelfBond = 100,
        ulong blockReward = 1_000,
        uint proposerRewardBps = 1_000,
        uint doubleSignSlashBps = 500,
        uint downtimeWindow = 10,
        uint maxMissedBlocks = 3,
        ulong downtimeJailBlocks = 5,
        uint downtimeSlashBps = 100) =>
        new(epochLength, unbondingPeriod, maxValidators, minSelfBond, blockReward, proposerRewardBps,
            doubleSignSlashBps, downtimeWindow, maxMissedBlocks, downtimeJailBlocks, downtimeSlashBps);

    /// <summary>Two precommits by <paramref name="key"/> for different blocks at one height and round.</summary>
    public static DuplicateVoteEvidence Equivocation(KeyPair key, ulong height, string chainId = TestChain.Id) =>
        DuplicateVoteEvidence.Of(
            SignedVote.Create(new Vote(VoteKind.Precommit, chainId, height, 0, new Hash32(Enumerable.Repeat((byte)1, 32).ToArray())), key),
            SignedVote.Create(new Vote(VoteKind.Precommit, chainId, height, 0, new Hash32(Enumerable.Repeat((byte)2, 32).ToArray())), key));

    public static ulong PowerOf(ValidatorSet set, Address address) =>
        set.Validators.FirstOrDefault(v => v.Address == address)?.Power ?? 0;

    public static ValidatorRecord Record(this TestChain chain, KeyPair key) =>
        chain.ValidatorRecord(key.Address) ?? throw new InvalidOperationException("no validator record");

    public static ulong StakeValue(this TestChain chain, Address delegator, Address validator) =>
        StakingQueries.Stakes(chain.Ledger, delegator).SingleOrDefault(s => s.Validator == validator)?.Tokens ?? 0;

    public static ReceiptStatus Status(this ProposedBlock block, int index = 0) => block.Receipts[index].Status;
}
