using Chain.Core.Consensus;
using Chain.GrainInterfaces;
using Chain.Protocol.Blocks;
using Chain.Protocol.Consensus;
using Orleans.Concurrency;

namespace Chain.Grains.Validator;

/// <summary>Carrying out what the consensus machine asks for: sign (behind the guard), send, time, decide.</summary>
public sealed partial class ValidatorGrain
{
    private async Task ProcessAsync(IReadOnlyList<ConsensusAction> first)
    {
        var queue = new Queue<ConsensusAction>(first);
        while (queue.TryDequeue(out var action))
        {
            IReadOnlyList<ConsensusAction> more = action switch
            {
                RequestValue request => await BuildValueAsync(request),
                SignProposal sign => SignAndSendProposal(sign),
                SignVote sign => SignAndSendVote(sign.Vote),
                ScheduleTimeout timeout => Schedule(timeout),
                Decide decide => await CommitAsync(decide),
                EvidenceFound evidence => Remember(evidence.Evidence),
                InputRejected rejected => Drop(rejected.Reason),
                _ => [],
            };
            foreach (var next in more)
            {
                queue.Enqueue(next);
            }
        }
    }

    private IReadOnlyList<ConsensusAction> SignAndSendProposal(SignProposal sign)
    {
        if (!Authorize(sign.Height, sign.Round, SignedStep.Proposal))
        {
            return [];
        }

        var proposal = SignedProposal.Create(genesis.ChainId, sign.Height, sign.Round, sign.PolRound, sign.Value.Hash, _key);
        Send(new ProposalMessage(proposal, sign.Value.Bytes).Encode());
        return _machine.OnProposal(proposal, sign.Value);
    }

    private IReadOnlyList<ConsensusAction> SignAndSendVote(Vote vote)
    {
        var step = vote.Kind == VoteKind.Prevote ? SignedStep.Prevote : SignedStep.Precommit;
        if (!Authorize(vote.Height, vote.Round, step))
        {
            return [];
        }

        var signed = SignedVote.Create(vote, _key);
        Send(new VoteMessage(signed).Encode());
        return _machine.OnVote(signed);
    }

    /// <summary>The guard records the position and the machine's lock state durably before anything is signed.</summary>
    private bool Authorize(ulong height, uint round, SignedStep step)
    {
        if (_guard.TryAuthorize(new SignedPosition(height, round, step), _machine.Snapshot().Encode()))
        {
            return true;
        }

        ValidatorLog.RefusedToSign(log, _name, height, round, step);
        return false;
    }

    private IReadOnlyList<ConsensusAction> Schedule(ScheduleTimeout timeout)
    {
        var duration = TimeoutPolicy.Duration(timeout.Step, timeout.Round, TimeoutSettings.Default);
        _timeouts.Add(new PendingTimeout(NowMs() + (long)duration.TotalMilliseconds, timeout.Height, timeout.Round, timeout.Step));
        _lastProgressAtMs = NowMs();
        return [];
    }

    private IReadOnlyList<ConsensusAction> Drop(string reason)
    {
        ValidatorLog.Dropped(log, _name, reason);
        return [];
    }

    /// <summary>Sends to every other member of the current set and keeps the message for re-sending while the height lasts.</summary>
    private void Send(byte[] message)
    {
        _ownMessages.Add(message);
        _lastProgressAtMs = NowMs();
        Broadcast(message);
    }

    private void Broadcast(byte[] message)
    {
        var payload = new Immutable<byte[]>(message);
        foreach (var validator in _machine.Validators.Validators)
        {
            if (validator.PublicKey == _key.PublicKey)
            {
                continue;
            }

            try
            {
                // One-way: returns at once; a peer that is down just misses it (re-sent while the height lasts).
                _ = GrainFactory.GetGrain<IValidatorGrain>(validator.Address.ToString()).DeliverAsync(payload);
            }
            catch (OrleansException)
            {
            }
        }
    }
}
