namespace Chain.Core.Execution;

/// <summary>
/// How <see cref="BlockExecutor"/> runs a block; never what it computes: every option gives the same execution.
/// </summary>
public sealed record ExecutionOptions
{
    /// <summary>The default: sequential, signatures checked.</summary>
    public static ExecutionOptions Sequential { get; } = new();

    /// <summary>
    /// Threads for the transaction phase (signature checks and execution). 1 is the sequential path; more runs
    /// transactions optimistically in parallel (Block-STM style, <c>ParallelTransactionExecutor</c>). The staking
    /// begin and end steps are sequential either way.
    /// </summary>
    public int Parallelism { get; init; } = 1;

    /// <summary>
    /// Runs the transaction phase on the speculative executor even with <see cref="Parallelism"/> 1, which otherwise
    /// takes the plain sequential path: benchmarks and tests use it to measure and check that executor's machinery
    /// on one thread.
    /// </summary>
    public bool Speculative { get; init; }

    /// <summary>
    /// On the parallel path, a lane whose executable transactions are all plain transfers within the shard, none from or to
    /// the proposer, is scheduled by the accounts each one touches (<c>ScheduledTransferExecutor</c>: no speculation, no
    /// validation, nothing run twice); any other lane is speculated (Block-STM). Off, every lane is speculated: benchmarks
    /// and tests use it to measure and check the speculative executor on transfers too.
    /// </summary>
    public bool ScheduleTransfers { get; init; } = true;

    internal bool UsesSpeculativeExecutor => Parallelism > 1 || Speculative;

    /// <summary>
    /// The caller has already verified every transaction's signature (admission, or a benchmark that times execution
    /// alone): none is checked again. Only for transactions known to be validly signed; a badly signed one would
    /// then be executed.
    /// </summary>
    public bool SignaturesChecked { get; init; }

    /// <summary>
    /// The contract host for deploy, call and upgrade payloads (Chain.Contracts' <c>WasmContractHost</c>). Every
    /// validator must configure one; a block with a contract transaction and no host throws.
    /// </summary>
    public IContractHost? Contracts { get; init; }
}
