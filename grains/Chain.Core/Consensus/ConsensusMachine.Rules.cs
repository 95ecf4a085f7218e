using Chain.Protocol.Blocks;
using Chain.Protocol.Consensus;
using Chain.Protocol.Crypto;

namespace Chain.Core.Consensus;

/// <summary>
/// The "upon" rules of Algorithm 1. After every input the machine re-evaluates them until none fires, so a rule
/// fires as soon as its condition holds, whatever order the messages came in. Line numbers refer to the paper.
/// </summary>
public sealed partial class ConsensusMachine
{
    private void Advance(List<ConsensusAction> output)
    {
        while (Step != ConsensusStep.Decided && (TryDecide(output) || TrySkipRound(output) || TryRoundRules(output)))
        {
        }
    }

    /// <summary>StartRound (lines 11-21): the leader proposes its valid value or asks the host for one; everyone arms the propose timeout.</summary>
    /// <param name="propose">False when resuming in this round after a restart: the proposal may already have been signed.</param>
    private void StartRound(uint round, List<ConsensusAction> output, bool propose = true)
    {
        Round = round;
        Step = ConsensusStep.Propose;
        _awaitingValue = false;
        if (propose && _selfIndex >= 0 && LeaderSelection.Leader(Validators, _leaderSeed, Height, round) == _selfIndex)
        {
            if (_validValue is not null)
            {
                output.Add(new SignProposal(Height, round, _validRound, _validValue));
            }
            else
            {
                _awaitingValue = true;
                output.Add(new RequestValue(Height, round));
            }
        }

        // The paper arms it only on followers; arming it on the leader too covers a host that never answers RequestValue.
        output.Add(new ScheduleTimeout(Height, round, ConsensusStep.Propose));
    }

    /// <summary>Lines 49-54: a quorum of precommits for a value in some round, and the value is known and valid.</summary>
    private bool TryDecide(List<ConsensusAction> output)
    {
        foreach (var (round, hash) in _commitCandidates)
        {
            if (!_values.TryGetValue(hash, out var value) || !IsValid(value))
            {
                continue;
            }

            var certificate = new QuorumCertificate(Height, round, hash, _rounds[round].PrecommitSignatures(hash));
            Step = ConsensusStep.Decided;
            _awaitingValue = false;
            output.Add(new Decide(Height, round, value, certificate));
            return true;
        }

        return false;
    }

    /// <summary>Lines 55-56: messages from more than 1/3 of the power in a later round prove an honest validator is there; join it.</summary>
    private bool TrySkipRound(List<ConsensusAction> output)
    {
        for (var r = MaxRound; r > Round; r--)
        {
            if (_rounds.TryGetValue(r, out var messages) && (UInt128)messages.HeardPower * 3 > Validators.TotalPower)
            {
                StartRound(r, output);
                return true;
            }
        }

        return false;
    }

    /// <summary>The rules about the current round; true when one fired.</summary>
    private bool TryRoundRules(List<ConsensusAction> output)
    {
        if (!_rounds.TryGetValue(Round, out var messages))
        {
            return false;
        }

        if (Step == ConsensusStep.Propose)
        {
            foreach (var proposal in messages.Proposals)
            {
                var value = _values[proposal.BlockHash];
                if (proposal.PolRound == -1)
                {
                    // Lines 22-27: a fresh proposal; prevote it unless locked on something else.
                    var accept = IsValid(value) && (_lockedRound == -1 || _lockedHash == value.Hash);
                    Prevote(accept ? value.Hash : Hash32.Zero, output);
                    return true;
                }

                if (HasPolka((uint)proposal.PolRound, proposal.BlockHash))
                {
                    // Lines 28-33: a re-proposal backed by a polka in round vr; a lock from round vr or earlier gives way.
                    var accept = IsValid(value) && (_lockedRound <= proposal.PolRound || _lockedHash == value.Hash);
                    Prevote(accept ? value.Hash : Hash32.Zero, output);
                    return true;
                }
            }
        }

        if (Step == ConsensusStep.Prevote && !messages.PrevoteTimeoutScheduled && Validators.IsQuorum(messages.PrevoteAnyPower))
        {
            // Lines 34-35.
            messages.PrevoteTimeoutScheduled = true;
            output.Add(new ScheduleTimeout(Height, Round, ConsensusStep.Prevote));
            return true;
        }

        if ((Step is ConsensusStep.Prevote or ConsensusStep.Precommit) && !messages.PolkaHandled)
        {
            foreach (var proposal in messages.Proposals)
            {
                var value = _values[proposal.BlockHash];
                if (HasPolka(Round, value.Hash) && IsValid(value))
                {
                    // Lines 36-43: a polka for the round's proposal; lock on it if still prevoting, remember it as valid either way.
                    messages.PolkaHandled = true;
                    if (Step == ConsensusStep.Prevote)
                    {
                        _lockedRound = checked((int)Round);
                        _lockedHash = value.Hash;
                        Step = ConsensusStep.Precommit;
                        Vote(VoteKind.Precommit, value.Hash, output);
                    }

                    _validRound = checked((int)Round);
                    _validValue = value;
                    return true;
                }
            }
        }

        if (Step == ConsensusStep.Prevote && HasPolka(Round, Hash32.Zero))
        {
            // Lines 44-46.
            Step = ConsensusStep.Precommit;
            Vote(VoteKind.Precommit, Hash32.Zero, output);
            return true;
        }

        if (!messages.PrecommitTimeoutScheduled && Validators.IsQuorum(messages.PrecommitAnyPower))
        {
            // Lines 47-48.
            messages.PrecommitTimeoutScheduled = true;
            output.Add(new ScheduleTimeout(Height, Round, ConsensusStep.Precommit));
            return true;
        }

        return false;
    }

    private void Prevote(Hash32 hash, List<ConsensusAction> output)
    {
        Step = ConsensusStep.Prevote;
        Vote(VoteKind.Prevote, hash, output);
    }

    /// <summary>Asks the host to sign; an observer, or a key outside this height's set, only changes step.</summary>
    private void Vote(VoteKind kind, Hash32 hash, List<ConsensusAction> output)
    {
        if (_selfIndex >= 0)
        {
            output.Add(new SignVote(new Vote(kind, _chainId, Height, Round, hash)));
        }
    }

    private bool HasPolka(uint round, Hash32 hash) =>
        _rounds.TryGetValue(round, out var messages) && Validators.IsQuorum(messages.PrevotePowerFor(hash));

    private bool IsValid(ProposalValue value)
    {
        if (!_validity.TryGetValue(value.Hash, out var valid))
        {
            valid = _validator.IsValid(Height, value);
            _validity[value.Hash] = valid;
        }

        return valid;
    }
}
