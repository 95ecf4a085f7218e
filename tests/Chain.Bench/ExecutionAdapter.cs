using Chain.Core.Execution;
using Chain.Core.State;
using Chain.Protocol.Transactions;

namespace Chain.Bench;

/// <summary>
/// The one place the benchmark calls the block executor, so wiring the parallel executor is a one-line change
/// here. <c>parallelism</c> null means the sequential executor; a number, the parallel path on that many threads, 1
/// included: blocks of plain transfers scheduled by account, or (<c>schedule</c> false) speculated by the Block-STM executor.
/// </summary>
internal static class ExecutionAdapter
{
    /// <summary>
    /// Whether the timed execution includes the executor's own Ed25519 check of each transaction. It does not:
    /// the workload is signed before timing and the executor skips the check (<see cref="ExecutionOptions.SignaturesChecked"/>), so
    /// the table measures execution alone.
    /// </summary>
    public const bool SignaturesInTiming = false;

    /// <param name="schedule">On the parallel path, whether blocks of plain transfers are scheduled by account (the default) or speculated like any other block.</param>
    public static BlockExecution Build(IStateReader committed, BlockContext context, IReadOnlyList<SignedTransaction> transactions, int? parallelism, bool schedule = true) =>
        BlockExecutor.Build(committed, context, lastCertificate: null, transactions, new ExecutionOptions { Parallelism = parallelism ?? 1, Speculative = parallelism is not null, SignaturesChecked = true, ScheduleTransfers = schedule });
}
