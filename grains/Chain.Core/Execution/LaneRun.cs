using Chain.Core.Execution.Speculative;
using Chain.Core.Sharding;
using Chain.Core.State;
using Chain.Protocol.Blocks;
using Chain.Protocol.Sharding;
using Chain.Protocol.Transactions;

namespace Chain.Core.Execution;

/// <summary>
/// One lane of a block (docs/protocol.md §13.5): the cross-shard receipts its shard applies, then its transactions in block order,
/// on its own overlay. Build mode leaves out what cannot be included; replay mode stops at the first thing that cannot.
/// With one shard there is a single lane and this is the whole transaction phase.
/// </summary>
/// <remarks>Lane 0 also applies every contract receipt (call, callback), whatever its destination: contracts run on the metashard.</remarks>
internal sealed class LaneRun(
    ushort lane, IReadOnlyList<SignedTransaction> transactions, bool[] validSignature, IReadOnlyList<IncomingReceipt> incoming, int[]? blockIndices = null, int[]? incomingIndices = null)
{
    public ushort Lane => lane;

    /// <summary>For each included transaction, its index in the block's candidate (or transaction) list.</summary>
    public List<int> IncludedBlockIndices { get; } = [];

    public IReadOnlyList<SignedTransaction> Transactions => transactions;

    public List<SignedTransaction> Included { get; private set; } = [];

    public List<Receipt> Receipts { get; private set; } = [];

    public List<RejectedTransaction> Rejected { get; private set; } = [];

    /// <summary>The incoming receipts applied, each with its index in the block's (or candidates') incoming list and what it did.</summary>
    public List<(int Index, IncomingReceipt Entry, IncomingOutcome Outcome)> Applied { get; } = [];

    public List<(IncomingReceipt Receipt, IncomingProblem Problem)> Dropped { get; } = [];

    public string? Error { get; private set; }

    public void Build(StateOverlay overlay, BlockContext context, uint maxTransactions, int parallelism, ExecutionOptions options, PrestartedWorkers? workers = null)
    {
        for (var i = 0; i < incoming.Count; i++)
        {
            var entry = incoming[i];
            var problem = CrossShard.Check(overlay, context.Parameters.ShardCount, lane, entry);
            if (problem == IncomingProblem.None)
            {
                Apply(overlay, context, i);
            }
            else
            {
                Dropped.Add((entry, problem));
            }
        }

        var sink = new BuildSink(transactions, validSignature, maxTransactions);
        Run(overlay, context, parallelism, options, new IndexRecorder(sink, blockIndices, IncludedBlockIndices), workers);
        (Included, Receipts, Rejected) = (sink.Included, sink.Receipts, sink.Rejected);
    }

    public void Replay(StateOverlay overlay, BlockContext context, int parallelism, ExecutionOptions options, PrestartedWorkers? workers = null)
    {
        for (var i = 0; i < incoming.Count; i++)
        {
            var problem = CrossShard.Check(overlay, context.Parameters.ShardCount, lane, incoming[i]);
            if (problem != IncomingProblem.None)
            {
                Error = $"shard {lane}: incoming receipt {i} ({incoming[i].Receipt.Source}->{incoming[i].Receipt.Destination} #{incoming[i].Receipt.Sequence}) cannot apply: {problem}";
                return;
            }

            Apply(overlay, context, i);
        }

        var sink = new ReplaySink(validSignature);
        Run(overlay, context, parallelism, options, new IndexRecorder(sink, blockIndices, IncludedBlockIndices), workers);
        Receipts = sink.Receipts;
        if (sink.Error is { } error)
        {
            Error = lane == 0 && context.Parameters.ShardCount == 1 ? error : $"shard {lane}: {error} (index within the shard's chunk)";
        }
    }

    private void Apply(StateOverlay overlay, BlockContext context, int i)
    {
        var entry = incoming[i];
        Applied.Add((incomingIndices?[i] ?? i, entry, CrossShard.Apply(overlay, context, entry.Receipt)));
    }

    private void Run(StateOverlay overlay, BlockContext context, int parallelism, ExecutionOptions options, ITransactionSink sink, PrestartedWorkers? workers)
    {
        if (parallelism > 1 || options.Speculative)
        {
            if (options.ScheduleTransfers)
            {
                ScheduledTransferExecutor.Run(overlay, context, transactions, validSignature, parallelism, sink, workers);
            }
            else
            {
                ParallelTransactionExecutor.Run(overlay, context, transactions, validSignature, parallelism, sink, workers);
            }

            return;
        }

        for (var i = 0; i < transactions.Count; i++)
        {
            var step = sink.Next(i);
            if (step == SinkStep.Stop)
            {
                return;
            }

            if (step == SinkStep.Execute && !sink.Accept(i, TransactionExecutor.Apply(overlay, context, transactions[i])))
            {
                return;
            }
        }
    }

    /// <summary>Notes which transactions a sink accepted, so lanes can be merged back into block order.</summary>
    private sealed class IndexRecorder(ITransactionSink inner, int[]? blockIndices, List<int> included) : ITransactionSink
    {
        public SinkStep Next(int index) => inner.Next(index);

        public bool AllowsRunAhead(int executable) => inner.AllowsRunAhead(executable);

        public bool Accept(int index, TransactionOutcome outcome)
        {
            if (outcome.Receipt is not null && blockIndices is not null)
            {
                included.Add(blockIndices[index]);
            }

            return inner.Accept(index, outcome);
        }
    }
}
