using Chain.Protocol.Blocks;
using Chain.Protocol.Consensus;
using Chain.Protocol.Crypto;

namespace Chain.Core.Consensus;

/// <summary>
/// The messages of one round of one height, with running tallies. Per (validator, kind) it keeps the first vote and
/// at most one conflicting vote (kept as evidence, counted for its own hash but never twice in "any" tallies), and
/// at most <see cref="MaxProposals"/> proposals, so its size is bounded by the validator count.
/// Tallies are looked up by hash, never iterated, so no output depends on dictionary order.
/// </summary>
internal sealed class RoundMessages
{
    /// <summary>The leader's first proposal, plus one conflicting proposal when votes show the network needs its value.</summary>
    public const int MaxProposals = 2;

    private readonly ValidatorSet _validators;
    private readonly SignedVote?[] _prevotes;
    private readonly SignedVote?[] _prevoteConflicts;
    private readonly SignedVote?[] _precommits;
    private readonly SignedVote?[] _precommitConflicts;
    private readonly bool[] _heard;
    private readonly Dictionary<Hash32, ulong> _prevotePower = [];
    private readonly Dictionary<Hash32, ulong> _precommitPower = [];
    private readonly List<SignedProposal> _proposals = new(MaxProposals);

    public RoundMessages(ValidatorSet validators)
    {
        _validators = validators;
        var n = validators.Count;
        _prevotes = new SignedVote?[n];
        _prevoteConflicts = new SignedVote?[n];
        _precommits = new SignedVote?[n];
        _precommitConflicts = new SignedVote?[n];
        _heard = new bool[n];
    }

    public IReadOnlyList<SignedProposal> Proposals => _proposals;

    /// <summary>Power of the validators that sent any message in this round (the "f+1" of round skipping).</summary>
    public ulong HeardPower { get; private set; }

    /// <summary>Power of the distinct validators that prevoted anything.</summary>
    public ulong PrevoteAnyPower { get; private set; }

    /// <summary>Power of the distinct validators that precommitted anything.</summary>
    public ulong PrecommitAnyPower { get; private set; }

    public int StoredMessages { get; private set; }

    public bool PrevoteTimeoutScheduled { get; set; }

    public bool PrecommitTimeoutScheduled { get; set; }

    /// <summary>The rule "polka for the round's proposal" fired (at most once per round).</summary>
    public bool PolkaHandled { get; set; }

    public ulong PrevotePowerFor(Hash32 hash) => _prevotePower.GetValueOrDefault(hash);

    public ulong PrecommitPowerFor(Hash32 hash) => _precommitPower.GetValueOrDefault(hash);

    public SignedVote? First(VoteKind kind, int index) => kind == VoteKind.Prevote ? _prevotes[index] : _precommits[index];

    public SignedVote? Conflict(VoteKind kind, int index) => kind == VoteKind.Prevote ? _prevoteConflicts[index] : _precommitConflicts[index];

    /// <returns>The power now behind the vote's hash.</returns>
    public ulong AddFirst(int index, SignedVote vote)
    {
        var power = _validators.Validators[index].Power;
        Hear(index);
        StoredMessages++;
        if (vote.Vote.Kind == VoteKind.Prevote)
        {
            _prevotes[index] = vote;
            PrevoteAnyPower = checked(PrevoteAnyPower + power);
            return Add(_prevotePower, vote.Vote.BlockHash, power);
        }

        _precommits[index] = vote;
        PrecommitAnyPower = checked(PrecommitAnyPower + power);
        return Add(_precommitPower, vote.Vote.BlockHash, power);
    }

    /// <returns>The power now behind the conflicting vote's hash.</returns>
    public ulong AddConflict(int index, SignedVote vote)
    {
        var power = _validators.Validators[index].Power;
        StoredMessages++;
        if (vote.Vote.Kind == VoteKind.Prevote)
        {
            _prevoteConflicts[index] = vote;
            return Add(_prevotePower, vote.Vote.BlockHash, power);
        }

        _precommitConflicts[index] = vote;
        return Add(_precommitPower, vote.Vote.BlockHash, power);
    }

    public void AddProposal(int proposerIndex, SignedProposal proposal)
    {
        _proposals.Add(proposal);
        Hear(proposerIndex);
        StoredMessages++;
    }

    /// <summary>The precommit signatures for <paramref name="hash"/>, in validator-index order (the certificate's order).</summary>
    public List<CommitSignature> PrecommitSignatures(Hash32 hash)
    {
        var signatures = new List<CommitSignature>();
        for (var i = 0; i < _precommits.Length; i++)
        {
            var vote = _precommits[i] is { } first && first.Vote.BlockHash == hash ? first
                : _precommitConflicts[i] is { } second && second.Vote.BlockHash == hash ? second
                : null;
            if (vote is not null)
            {
                signatures.Add(new CommitSignature((uint)i, vote.Signature));
            }
        }

        return signatures;
    }

    private void Hear(int index)
    {
        if (!_heard[index])
        {
            _heard[index] = true;
            HeardPower = checked(HeardPower + _validators.Validators[index].Power);
        }
    }

    private static ulong Add(Dictionary<Hash32, ulong> tally, Hash32 hash, ulong power)
    {
        var total = checked(tally.GetValueOrDefault(hash) + power);
        tally[hash] = total;
        return total;
    }
}
