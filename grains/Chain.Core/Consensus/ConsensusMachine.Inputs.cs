using Chain.Protocol;
using Chain.Protocol.Blocks;
using Chain.Protocol.Consensus;
using Chain.Protocol.Crypto;

namespace Chain.Core.Consensus;

/// <summary>Admission of proposals and votes: every cheap check first, then at most one signature verification.</summary>
public sealed partial class ConsensusMachine
{
    private static readonly InputRejected[] DuplicateVote = [new InputRejected("duplicate vote")];
    private static readonly InputRejected[] DuplicateProposal = [new InputRejected("duplicate proposal")];
    private static readonly InputRejected[] EvidenceAlreadyHeld = [new InputRejected("a conflicting vote from this validator for this round is already held as evidence")];

    private readonly List<SignedVote> _bufferedVotes = [];
    private readonly HashSet<(PublicKey Validator, uint Round, VoteKind Kind)> _bufferedVoteKeys = [];
    private readonly List<(SignedProposal Proposal, ProposalValue Value)> _bufferedProposals = [];

    /// <summary>
    /// A proposal, with the block it proposes. The host has decoded the block and checked that its header hash is
    /// <paramref name="value"/>.Hash; the machine checks the rest: chain, height, round window, that the signer leads
    /// this round, that the value matches the signed hash, and the signature.
    /// </summary>
    public IReadOnlyList<ConsensusAction> OnProposal(SignedProposal proposal, ProposalValue value)
    {
        if (proposal is null || value is null)
        {
            return Reject("missing proposal or value");
        }

        if (_validators is null)
        {
            return Reject("no height has been started");
        }

        if (!string.Equals(proposal.ChainId, _chainId, StringComparison.Ordinal))
        {
            return Reject($"proposal is for another chain, not '{_chainId}'");
        }

        if (proposal.Height != Height)
        {
            return proposal.Height == Height + 1 && Height < ulong.MaxValue
                ? BufferProposal(proposal, value)
                : Reject($"proposal is for height {proposal.Height}, not {Height}");
        }

        if (Step == ConsensusStep.Decided)
        {
            return Reject($"height {Height} is already decided");
        }

        if (proposal.Round > MaxRound)
        {
            return Reject($"proposal round {proposal.Round} is more than {MaxRoundsAhead} rounds ahead of {Round}");
        }

        if (proposal.BlockHash.IsZero || value.Hash != proposal.BlockHash || value.Bytes.Length > ProtocolLimits.MaxBlockBytes)
        {
            return Reject("the block does not match the proposal's hash, is nil, or is too large");
        }

        var leader = LeaderSelection.Leader(_validators, _leaderSeed, Height, proposal.Round);
        if (_validators.Validators[leader].PublicKey != proposal.Proposer)
        {
            return Reject($"the proposer does not lead round {proposal.Round}");
        }

        var round = _rounds.GetValueOrDefault(proposal.Round);
        if (round is not null)
        {
            foreach (var held in round.Proposals)
            {
                if (held.BlockHash == proposal.BlockHash)
                {
                    return DuplicateProposal;
                }
            }

            if (round.Proposals.Count >= RoundMessages.MaxProposals || (round.Proposals.Count > 0 && !IsNeeded(proposal)))
            {
                return Reject($"the leader already proposed another block in round {proposal.Round}");
            }
        }

        if (!proposal.HasValidSignature())
        {
            return Reject("the proposal's signature does not verify");
        }

        RoundAt(proposal.Round).AddProposal(leader, proposal);
        _storedMessages++;
        _values.TryAdd(value.Hash, value);
        var output = new List<ConsensusAction>();
        Advance(output);
        return output;
    }

    /// <summary>A prevote or precommit from anyone, this validator included (the host feeds back what it signed).</summary>
    public IReadOnlyList<ConsensusAction> OnVote(SignedVote vote)
    {
        if (vote is null)
        {
            return Reject("missing vote");
        }

        if (_validators is null)
        {
            return Reject("no height has been started");
        }

        var v = vote.Vote;
        if (v.Kind is not (VoteKind.Prevote or VoteKind.Precommit))
        {
            return Reject("unknown vote kind");
        }

        if (!string.Equals(v.ChainId, _chainId, StringComparison.Ordinal))
        {
            return Reject($"vote is for another chain, not '{_chainId}'");
        }

        if (v.Height != Height)
        {
            return v.Height == Height + 1 && Height < ulong.MaxValue
                ? BufferVote(vote)
                : Reject($"vote is for height {v.Height}, not {Height}");
        }

        if (Step == ConsensusStep.Decided)
        {
            return Reject($"height {Height} is already decided");
        }

        if (v.Round > MaxRound)
        {
            return Reject($"vote round {v.Round} is more than {MaxRoundsAhead} rounds ahead of {Round}");
        }

        if (!_indexOf.TryGetValue(vote.Validator, out var index))
        {
            return Reject("the signer is not in the validator set");
        }

        var round = _rounds.GetValueOrDefault(v.Round);
        var first = round?.First(v.Kind, index);
        if (first is not null && first.Vote.BlockHash == v.BlockHash)
        {
            return DuplicateVote;
        }

        if (first is not null && round!.Conflict(v.Kind, index) is not null)
        {
            return EvidenceAlreadyHeld;
        }

        if (!vote.HasValidSignature())
        {
            return Reject("the vote's signature does not verify");
        }

        var output = new List<ConsensusAction>();
        round ??= RoundAt(v.Round);
        ulong power;
        if (first is null)
        {
            power = round.AddFirst(index, vote);
        }
        else
        {
            power = round.AddConflict(index, vote);
            output.Add(new EvidenceFound(DuplicateVoteEvidence.Of(first, vote)));
        }

        _storedMessages++;
        if (v.Kind == VoteKind.Precommit && !v.BlockHash.IsZero && Validators.IsQuorum(power)
            && !Validators.IsQuorum(power - Validators.Validators[index].Power))
        {
            _commitCandidates.Add((v.Round, v.BlockHash));
        }

        Advance(output);
        return output;
    }

    /// <summary>
    /// A second proposal for a round is kept only when votes show that the network needs its block: a quorum of prevotes
    /// or precommits for it in its round, or a quorum of prevotes in the round it claims as its proof of lock.
    /// </summary>
    private bool IsNeeded(SignedProposal proposal)
    {
        var hash = proposal.BlockHash;
        var round = _rounds.GetValueOrDefault(proposal.Round);
        if (round is not null && (Validators.IsQuorum(round.PrevotePowerFor(hash)) || Validators.IsQuorum(round.PrecommitPowerFor(hash))))
        {
            return true;
        }

        return proposal.PolRound >= 0 && HasPolka((uint)proposal.PolRound, hash);
    }

    private InputRejected[] BufferVote(SignedVote vote)
    {
        if (vote.Vote.Round > MaxRoundsAhead)
        {
            return Reject($"vote round {vote.Vote.Round} of the next height is more than {MaxRoundsAhead} rounds ahead of its first");
        }

        if (_bufferedVotes.Count >= MaxBufferedVotes)
        {
            return Reject("the buffer for the next height is full");
        }

        if (!_bufferedVoteKeys.Add((vote.Validator, vote.Vote.Round, vote.Vote.Kind)))
        {
            return DuplicateVote;
        }

        _bufferedVotes.Add(vote);
        return [];
    }

    private InputRejected[] BufferProposal(SignedProposal proposal, ProposalValue value)
    {
        if (proposal.Round > MaxRoundsAhead)
        {
            return Reject($"proposal round {proposal.Round} of the next height is more than {MaxRoundsAhead} rounds ahead of its first");
        }

        if (_bufferedProposals.Count >= MaxBufferedProposals)
        {
            return Reject("the buffer for the next height is full");
        }

        foreach (var (held, _) in _bufferedProposals)
        {
            if (held.Round == proposal.Round)
            {
                return DuplicateProposal;
            }
        }

        _bufferedProposals.Add((proposal, value));
        return [];
    }

    /// <summary>Feeds the messages buffered for the height just started through the normal checks; drops the rest.</summary>
    private void ReplayBuffered(List<ConsensusAction> output)
    {
        var proposals = _bufferedProposals.ToArray();
        var votes = _bufferedVotes.ToArray();
        _bufferedProposals.Clear();
        _bufferedVotes.Clear();
        _bufferedVoteKeys.Clear();
        foreach (var (proposal, value) in proposals)
        {
            if (proposal.Height == Height)
            {
                output.AddRange(OnProposal(proposal, value));
            }
        }

        foreach (var vote in votes)
        {
            if (vote.Vote.Height == Height)
            {
                output.AddRange(OnVote(vote));
            }
        }
    }
}
