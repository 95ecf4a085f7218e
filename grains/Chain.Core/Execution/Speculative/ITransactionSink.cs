namespace Chain.Core.Execution.Speculative;

/// <summary>What a block mode (build or replay) does with each transaction, in order; called by one thread only.</summary>
internal interface ITransactionSink
{
    /// <summary>Before transaction <paramref name="index"/>: execute it, skip it (recording why), or stop the block here.</summary>
    SinkStep Next(int index);

    /// <summary>The outcome of transaction <paramref name="index"/>, equal to sequential execution's; false stops the block.</summary>
    bool Accept(int index, TransactionOutcome outcome);

    /// <summary>
    /// Whether every one of <paramref name="executable"/> executable transactions may be executed before the sink sees the
    /// first outcome: true when the sink cannot stop before an executable transaction, or only stops to fail the block
    /// (whose state is then dropped). The scheduled path (<see cref="ScheduledTransferExecutor"/>) needs it.
    /// </summary>
    bool AllowsRunAhead(int executable);
}

internal enum SinkStep
{
    Execute,
    Skip,
    Stop,
}
