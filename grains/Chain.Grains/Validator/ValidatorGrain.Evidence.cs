using Chain.GrainInterfaces;
using Chain.Protocol.Consensus;
using Chain.Protocol.Proofs;
using Chain.Protocol.Transactions;
using Chain.Core.Consensus;

namespace Chain.Grains.Validator;

/// <summary>
/// Equivocation seen by the machine becomes a <see cref="ReportEquivocation"/> transaction, signed by this
/// validator with its replica's committed nonce and sent through admission like any other; a report whose nonce
/// is taken by another pending transaction is retried until it goes through. The chain slashes the offender once.
/// </summary>
public sealed partial class ValidatorGrain
{
    private const int MaxQueuedEvidence = 64;
    private readonly List<DuplicateVoteEvidence> _evidence = [];
    private readonly HashSet<(string Offender, ulong Height)> _reported = [];

    private IReadOnlyList<ConsensusAction> Remember(DuplicateVoteEvidence evidence)
    {
        var id = (evidence.First.Validator.ToString(), evidence.First.Vote.Height);
        if (_evidence.Count < MaxQueuedEvidence && !_reported.Contains(id) && evidence.First.Validator != _key.PublicKey)
        {
            ValidatorLog.EvidenceFound(log, _name, id.Item1, id.Item2);
            _evidence.Add(evidence);
        }

        return [];
    }

    /// <summary>Sends one queued report per tick, with the replica's nonce; a refused report is retried later.</summary>
    private async Task SubmitEvidenceAsync()
    {
        if (_evidence.Count == 0)
        {
            return;
        }

        var evidence = _evidence[0];
        var nonceBytes = _replica.State.Get(StateKeys.Account(_key.Address));
        var nonce = nonceBytes is null ? 0 : AccountState.Decode(nonceBytes).Nonce;
        var tx = new Transaction(genesis.ChainId, nonce, _key.PublicKey, genesis.Parameters.MinFee, new ReportEquivocation(evidence)).Sign(_key);
        SubmitResult result;
        try
        {
            result = await GrainFactory.GetGrain<IAdmissionGrain>(0).SubmitAsync(tx.Encode());
        }
        catch (Exception e) when (e is OrleansException or TimeoutException)
        {
            return;
        }

        var sent = result.Accepted;
        if (result.ErrorCode is (int)TxErrorCode.Duplicate or (int)TxErrorCode.NonceTooLow)
        {
            // Either this very report is already pending or final, or another transaction of this validator
            // holds the nonce: then retry on a later tick, when the nonce has moved on.
            try
            {
                sent = (await Ledger.GetTransactionAsync(tx.Hash.ToArray())).Status != TransactionStatus.Unknown;
            }
            catch (Exception e) when (e is OrleansException or TimeoutException)
            {
                return;
            }

            if (!sent)
            {
                return;
            }
        }

        if (sent)
        {
            _evidence.RemoveAt(0);
            _reported.Add((evidence.First.Validator.ToString(), evidence.First.Vote.Height));
        }
        else
        {
            ValidatorLog.EvidenceRefused(log, _name, result.ErrorCode, result.Message);
            if (result.ErrorCode is (int)TxErrorCode.InsufficientBalance or (int)TxErrorCode.FeeTooLow)
            {
                _evidence.RemoveAt(0);
            }
        }
    }
}
