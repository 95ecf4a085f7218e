using Chain.Core.Execution;
using Chain.Core.State;
using Chain.Protocol.Transactions;

namespace Chain.Bench;

/// <summary>
/// The one place the benchmark calls the block executor, so wiring the parallel executor is a one-line change
/// here. <c>parallelism</c> null means the sequential executor.
/// </summary>
internal static class ExecutionAdapter
{
    /// <summary>
    /// False until the parallel executor (<c>BlockExecutor.Build(..., parallelism)</c>) is on main: until then
    /// every mode runs the sequential executor, and the report says so.
    /// </summary>
    public const bool ParallelExecutorAvailable = false;

    /// <summary>
    /// Whether the timed execution includes the executor's own Ed25519 check of each transaction. True until the
    /// executor offers a way to skip it for signatures admission already checked.
    /// </summary>
    public const bool SignaturesInTiming = true;

    public static BlockExecution Build(IStateReader committed, BlockContext context, IReadOnlyList<SignedTransaction> transactions, int? parallelism) =>
        // Wire: parallelism is null ? BlockExecutor.Build(committed, context, null, transactions) : BlockExecutor.Build(committed, context, null, transactions, parallelism.Value)
        BlockExecutor.Build(committed, context, lastCertificate: null, transactions);
}
