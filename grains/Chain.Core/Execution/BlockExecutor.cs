using Chain.Core.State;
using Chain.Protocol.Blocks;
using Chain.Protocol.Transactions;

namespace Chain.Core.Execution;

/// <summary>
/// Executes an ordered list of transactions: a pure function of (committed state, context, transactions).
/// <see cref="Build"/> is the proposer's mode: candidates that cannot be included are left out.
/// <see cref="Replay"/> is the verifier's mode: every transaction must be includable, or the block is invalid.
/// </summary>
public static class BlockExecutor
{
    public static BlockExecution Build(IStateReader committed, BlockContext context, IEnumerable<SignedTransaction> candidates)
    {
        var overlay = new StateOverlay(committed);
        var included = new List<SignedTransaction>();
        var receipts = new List<Receipt>();
        var rejected = new List<RejectedTransaction>();
        foreach (var tx in candidates)
        {
            if (included.Count >= context.Parameters.MaxBlockTransactions)
            {
                break;
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

        return new BlockExecution(included, receipts, overlay.Changes(), rejected);
    }

    /// <summary>Re-executes a proposed block; returns null and the reason when any transaction is not includable or badly signed.</summary>
    public static (BlockExecution? Execution, string? Error) Replay(IStateReader committed, BlockContext context, IReadOnlyList<SignedTransaction> transactions)
    {
        if (transactions.Count > context.Parameters.MaxBlockTransactions)
        {
            return (null, $"block has {transactions.Count} transactions, more than the limit {context.Parameters.MaxBlockTransactions}");
        }

        var overlay = new StateOverlay(committed);
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

        return (new BlockExecution(transactions, receipts, overlay.Changes(), []), null);
    }
}
