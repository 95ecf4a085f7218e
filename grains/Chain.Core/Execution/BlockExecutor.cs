using Chain.Core.Execution.Speculative;
using Chain.Core.Staking;
using Chain.Core.State;
using Chain.Protocol.Blocks;
using Chain.Protocol.Transactions;

namespace Chain.Core.Execution;

/// <summary>
/// Executes a block: a pure function of (committed state, context, parent certificate, transactions). The
/// staking begin step (rewards and downtime for the parent certificate) runs first, then the transactions in
/// order, then the staking end step (set rotation, epochs): see <see cref="BlockStaking"/>.
/// <c>Build</c> is the proposer's mode: candidates that cannot be included, or are badly signed, are left out.
/// <c>Replay</c> is the verifier's mode: every transaction must be includable, or the block is invalid.
/// Both trust <c>lastCertificate</c>: the caller has checked it against the previous set.
/// <para><c>parallelism</c> (or <see cref="ExecutionOptions"/>) only changes how the transaction phase runs: with more
/// than one thread, signatures are checked in parallel up front and transactions execute optimistically in parallel
/// (<see cref="ParallelTransactionExecutor"/>), with exactly the sequential result. 1 is the sequential path.</para>
/// </summary>
public static class BlockExecutor
{
    public static BlockExecution Build(IStateReader committed, BlockContext context, QuorumCertificate? lastCertificate, IEnumerable<SignedTransaction> candidates, int parallelism = 1) =>
        Build(committed, context, lastCertificate, candidates, new ExecutionOptions { Parallelism = parallelism });

    public static BlockExecution Build(IStateReader committed, BlockContext context, QuorumCertificate? lastCertificate, IEnumerable<SignedTransaction> candidates, ExecutionOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Parallelism, 1);
        context = WithContracts(context, options);
        if (options.UsesSpeculativeExecutor)
        {
            return BuildInParallel(committed, context, lastCertificate, [.. candidates], options);
        }

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

            if (!options.SignaturesChecked && !tx.HasValidSignature())
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
    public static (BlockExecution? Execution, string? Error) Replay(IStateReader committed, BlockContext context, QuorumCertificate? lastCertificate, IReadOnlyList<SignedTransaction> transactions, int parallelism = 1) =>
        Replay(committed, context, lastCertificate, transactions, new ExecutionOptions { Parallelism = parallelism });

    /// <summary>Re-executes a proposed block as <see cref="ExecutionOptions"/> say; the same result as the sequential path.</summary>
    public static (BlockExecution? Execution, string? Error) Replay(IStateReader committed, BlockContext context, QuorumCertificate? lastCertificate, IReadOnlyList<SignedTransaction> transactions, ExecutionOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Parallelism, 1);
        context = WithContracts(context, options);
        if (transactions.Count > context.Parameters.MaxBlockTransactions)
        {
            return (null, $"block has {transactions.Count} transactions, more than the limit {context.Parameters.MaxBlockTransactions}");
        }

        if (options.UsesSpeculativeExecutor)
        {
            return ReplayInParallel(committed, context, lastCertificate, transactions, options);
        }

        var overlay = new StateOverlay(committed);
        var validators = BeginBlock(overlay, context, lastCertificate);
        var receipts = new List<Receipt>(transactions.Count);
        for (var i = 0; i < transactions.Count; i++)
        {
            if (!options.SignaturesChecked && !transactions[i].HasValidSignature())
            {
                return (null, InvalidSignatureError(i));
            }

            var outcome = TransactionExecutor.Apply(overlay, context, transactions[i]);
            if (outcome.Receipt is null)
            {
                return (null, NotIncludableError(i, outcome.Rejection));
            }

            receipts.Add(outcome.Receipt);
        }

        var next = BlockStaking.End(overlay, context, validators);
        return (new BlockExecution(transactions, receipts, overlay.Changes(), [], validators, next), null);
    }

    private static BlockContext WithContracts(BlockContext context, ExecutionOptions options) =>
        options.Contracts is null ? context : context with { Contracts = options.Contracts };

    internal static string InvalidSignatureError(int index) => $"transaction {index} has an invalid signature";

    internal static string NotIncludableError(int index, TxErrorCode reason) => $"transaction {index} cannot be included: {reason}";

    private static BlockExecution BuildInParallel(IStateReader committed, BlockContext context, QuorumCertificate? lastCertificate, IReadOnlyList<SignedTransaction> candidates, ExecutionOptions options)
    {
        var overlay = new StateOverlay(committed);
        var validators = BeginBlock(overlay, context, lastCertificate);
        var valid = CheckSignatures(candidates, options);
        var sink = new BuildSink(candidates, valid, context.Parameters.MaxBlockTransactions);
        ParallelTransactionExecutor.Run(overlay, context, candidates, valid, options.Parallelism, sink);
        var next = BlockStaking.End(overlay, context, validators);
        return new BlockExecution(sink.Included, sink.Receipts, overlay.Changes(), sink.Rejected, validators, next);
    }

    private static (BlockExecution? Execution, string? Error) ReplayInParallel(IStateReader committed, BlockContext context, QuorumCertificate? lastCertificate, IReadOnlyList<SignedTransaction> transactions, ExecutionOptions options)
    {
        var overlay = new StateOverlay(committed);
        var validators = BeginBlock(overlay, context, lastCertificate);
        var valid = CheckSignatures(transactions, options);
        var sink = new ReplaySink(valid);
        ParallelTransactionExecutor.Run(overlay, context, transactions, valid, options.Parallelism, sink);
        if (sink.Error is { } error)
        {
            return (null, error);
        }

        var next = BlockStaking.End(overlay, context, validators);
        return (new BlockExecution(transactions, sink.Receipts, overlay.Changes(), [], validators, next), null);
    }

    /// <summary>Every signature, checked in parallel; result by index.</summary>
    private static bool[] CheckSignatures(IReadOnlyList<SignedTransaction> transactions, ExecutionOptions options)
    {
        var valid = new bool[transactions.Count];
        if (options.SignaturesChecked)
        {
            Array.Fill(valid, true);
            return valid;
        }

        // The default scheduler explicitly: under Orleans the current scheduler is the activation's, which is single-threaded.
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism, TaskScheduler = TaskScheduler.Default };
        Parallel.For(0, transactions.Count, parallel, i => valid[i] = transactions[i].HasValidSignature());
        return valid;
    }

    /// <summary>Runs the begin step and returns the set that certifies this block (the active set of the committed state).</summary>
    private static ValidatorSet BeginBlock(StateOverlay overlay, BlockContext context, QuorumCertificate? lastCertificate)
    {
        var validators = StakingQueries.ActiveSet(overlay);
        BlockStaking.Begin(overlay, context, lastCertificate, StakingQueries.PreviousSet(overlay));
        return validators;
    }
}
