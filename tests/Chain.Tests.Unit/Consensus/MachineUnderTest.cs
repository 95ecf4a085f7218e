using Chain.Core.Consensus;
using Chain.Protocol.Blocks;
using Chain.Protocol.Consensus;
using Chain.Protocol.Crypto;

namespace Chain.Tests.Unit.Consensus;

/// <summary>One <see cref="ConsensusMachine"/> and the other validators' keys, for tests that script every message by hand.</summary>
internal sealed class MachineUnderTest
{
    private MachineUnderTest(ValidatorSet set, KeyPair? me)
    {
        Set = set;
        Me = me;
        Validator = new BlockValidator(set);
        Machine = new ConsensusMachine(ConsensusKit.ChainId, me?.PublicKey, Validator);
    }

    public ValidatorSet Set { get; }

    public KeyPair? Me { get; }

    public BlockValidator Validator { get; }

    public ConsensusMachine Machine { get; }

    /// <summary>Everyone in the set but this validator, in set order.</summary>
    public KeyPair[] Others => [.. Set.Validators.Select(v => ConsensusKit.KeyOf(v.PublicKey)).Where(k => Me is null || k.PublicKey != Me.PublicKey)];

    /// <summary>A machine for a member of four equal validators that does not lead (height 1, <paramref name="notLeaderOf"/>).</summary>
    public static MachineUnderTest Follower(params uint[] notLeaderOf)
    {
        var set = ConsensusKit.Set(1, 1, 1, 1);
        var me = set.Validators.Select(v => ConsensusKit.KeyOf(v.PublicKey))
            .First(k => notLeaderOf.All(r => ConsensusKit.Leader(set, 1, r).PublicKey != k.PublicKey));
        return new MachineUnderTest(set, me);
    }

    /// <summary>A machine for the leader of (height 1, <paramref name="round"/>) among four equal validators.</summary>
    public static MachineUnderTest LeaderOf(uint round)
    {
        var set = ConsensusKit.Set(1, 1, 1, 1);
        return new MachineUnderTest(set, ConsensusKit.Leader(set, 1, round));
    }

    public static MachineUnderTest Of(ValidatorSet set, KeyPair? me) => new(set, me);

    public IReadOnlyList<ConsensusAction> Start(ulong height = 1, ConsensusSnapshot? resume = null) =>
        Machine.StartHeight(height, Set, ConsensusKit.Genesis, resume);

    public ProposalValue Block(uint round, int variant = 0, bool valid = true, ulong height = 1) =>
        ConsensusKit.Block(Set, height, round, variant, valid);

    public IReadOnlyList<ConsensusAction> Propose(uint round, ProposalValue value, int polRound = -1, ulong height = 1) =>
        Machine.OnProposal(ConsensusKit.Proposal(ConsensusKit.Leader(Set, height, round), height, round, value, polRound), value);

    public List<ConsensusAction> Prevotes(IEnumerable<KeyPair> from, uint round, Hash32 hash, ulong height = 1) =>
        [.. from.SelectMany(k => Machine.OnVote(ConsensusKit.Prevote(k, height, round, hash)))];

    public List<ConsensusAction> Precommits(IEnumerable<KeyPair> from, uint round, Hash32 hash, ulong height = 1) =>
        [.. from.SelectMany(k => Machine.OnVote(ConsensusKit.Precommit(k, height, round, hash)))];

    /// <summary>Does what a host does with the machine's requests to sign: signs with <see cref="Me"/> and feeds them back. Returns everything that followed.</summary>
    public List<ConsensusAction> SignAndFeedBack(IEnumerable<ConsensusAction> actions)
    {
        var output = new List<ConsensusAction>();
        foreach (var action in actions.ToArray())
        {
            var next = action switch
            {
                SignVote sign => Machine.OnVote(SignedVote.Create(sign.Vote, Me!)),
                SignProposal p => Machine.OnProposal(SignedProposal.Create(ConsensusKit.ChainId, p.Height, p.Round, p.PolRound, p.Value.Hash, Me!), p.Value),
                _ => [],
            };
            output.AddRange(next);
            output.AddRange(SignAndFeedBack(next));
        }

        return output;
    }

    public static SignVote SingleVote(IEnumerable<ConsensusAction> actions, VoteKind kind) =>
        Assert.Single(actions.OfType<SignVote>(), s => s.Vote.Kind == kind);
}
