using Chain.Core.Staking;
using Chain.Core.State;
using Chain.Protocol.Blocks;
using Chain.Protocol.Transactions;

namespace Chain.Core.Execution;

/// <summary>
/// Executes a block: a pure function of (committed state, context, parent certificate, transactions). The
/// staking begin step (rewards and downtime for the parent certificate) runs first, then the transactions in
/// order, then the staking end step (set rotation, epochs): see <see cref="BlockStaking"/>.
/// <see cref="Build"/> is the proposer's mode: candidates that cannot be included, or are badly signed, are left out.
/// <see cref="Replay"/> is the verifier's mode: every transaction must be includable, or the block is invalid.
/// Both trust <c>lastCertificate</c>: the caller has checked it against the previous set.
/// </summary>
public static class BlockExecutor
{
    public static BlockExecution Build(IStateReader committed, BlockContext context, QuorumCertificate? lastCertificate, IEnumerable<SignedTransaction> candidates)
    {
        var overlay = new StateOverlay(committed);
        var validators = BeginBlock(overlay, context, lastCertificate);
        var included = new List<SignedTransaction>();
        var receipts = new List<Receipt>();
        var rejected = new List<RejectedTransaction>();
        foreach (var tx in candidates)
        {
            if (included.Count >= context.Parameters.MaxBlockTransactions)
            {
                break;
            }

            if (!tx.HasValidSignature())
            {
                rejected.Add(new RejectedTransaction(tx, TxErrorCode.InvalidSignature));
                continue;
            }

            var outcome = TransactionExecutor.Apply(overlay, context, tx);
            if (outcome.Receipt is { } receipt)
            {
                included.Add(tx);
                receipts.Add(receipt);
            }
            else
            {
                rejected.Add(new RejectedTransaction(tx, outcome.Rejection));
            }
        }

        var next = BlockStaking.End(overlay, context, validators);
        return new BlockExecution(included, receipts, overlay.Changes(), rejected, validators, next);
    }

    /// <summary>Re-executes a proposed block; returns null and the reason when any transaction is not includable or badly signed.</summary>
    public static (BlockExecution? Execution, string? Error) Replay(IStateReader committed, BlockContext context, QuorumCertificate? lastCertificate, IReadOnlyList<SignedTransaction> transactions)
    {
        if (transactions.Count > context.Parameters.MaxBlockTransactions)
        {
            return (null, $"block has {transactions.Count} transactions, more than the limit {context.Parameters.MaxBlockTransactions}");
        }

        var overlay = new StateOverlay(committed);
        var validators = BeginBlock(overlay, context, lastCertificate);
        var receipts = new List<Receipt>(transactions.Count);
        for (var i = 0; i < transactions.Count; i++)
        {
            if (!transactions[i].HasValidSignature())
            {
                return (null, $"transaction {i} has an invalid signature");
            }

            var outcome = TransactionExecutor.Apply(overlay, context, transactions[i]);
            if (outcome.Receipt is null)
            {
                return (null, $"transaction {i} cannot be included: {outcome.Rejection}");
            }

            receipts.Add(outcome.Receipt);
        }

        var next = BlockStaking.End(overlay, context, validators);
        return (new BlockExecution(transactions, receipts, overlay.Changes(), [], validators, next), null);
    }

    /// <summary>Runs the begin step and returns the set that certifies this block (the active set of the committed state).</summary>
    private static ValidatorSet BeginBlock(StateOverlay overlay, BlockContext context, QuorumCertificate? lastCertificate)
    {
        var validators = StakingQueries.ActiveSet(overlay);
        BlockStaking.Begin(overlay, context, lastCertificate, StakingQueries.PreviousSet(overlay));
        return validators;
    }
}
