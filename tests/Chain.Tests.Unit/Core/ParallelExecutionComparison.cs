using Chain.Core.Execution;
using Chain.Core.State;
using Chain.Protocol.Blocks;
using Chain.Protocol.Transactions;

namespace Chain.Tests.Unit.Core;

/// <summary>Runs a block sequentially and in parallel and asserts that every part of the two executions is the same.</summary>
internal static class ParallelExecutionComparison
{
    /// <summary>
    /// The parallel path on one thread (its machinery without concurrency), then on several: as configured by default (blocks
    /// of plain transfers scheduled, others speculated), and with every block speculated (Block-STM on transfers too).
    /// </summary>
    public static readonly ExecutionOptions[] Parallel =
    [
        new() { Parallelism = 1, Speculative = true },
        new() { Parallelism = 2 },
        new() { Parallelism = 4 },
        new() { Parallelism = 8 },
        new() { Parallelism = 1, Speculative = true, ScheduleTransfers = false },
        new() { Parallelism = 2, ScheduleTransfers = false },
        new() { Parallelism = 8, ScheduleTransfers = false },
    ];

    /// <summary>Build, then replay of what was built, then replay of all candidates, at each parallelism against parallelism 1.</summary>
    public static BlockExecution BuildAndReplayAgree(IStateReader state, BlockContext context, QuorumCertificate? certificate, IReadOnlyList<SignedTransaction> candidates)
    {
        var sequential = BlockExecutor.Build(state, context, certificate, candidates);
        var (replayed, replayError) = BlockExecutor.Replay(state, context, certificate, sequential.Included);
        Assert.True(replayed is not null, replayError);
        SameExecution(sequential, replayed, compareRejected: false);
        var (_, candidatesError) = BlockExecutor.Replay(state, context, certificate, candidates);
        foreach (var parallelism in Parallel)
        {
            SameExecution(sequential, BlockExecutor.Build(state, context, certificate, candidates, parallelism), compareRejected: true);
            var (parallelReplay, parallelError) = BlockExecutor.Replay(state, context, certificate, sequential.Included, parallelism);
            Assert.True(parallelReplay is not null, parallelError);
            SameExecution(replayed, parallelReplay, compareRejected: true);
            var (parallelCandidates, parallelCandidatesError) = BlockExecutor.Replay(state, context, certificate, candidates, parallelism);
            Assert.Equal(candidatesError, parallelCandidatesError);
            Assert.Equal(candidatesError is null, parallelCandidates is not null);
        }

        return sequential;
    }

    public static void SameExecution(BlockExecution expected, BlockExecution actual, bool compareRejected)
    {
        Assert.Equal(expected.Included.Select(t => t.Hash), actual.Included.Select(t => t.Hash));
        Assert.Equal(expected.Receipts, actual.Receipts);
        if (compareRejected)
        {
            Assert.Equal(expected.Rejected.Select(r => (r.Transaction.Hash, r.Reason)), actual.Rejected.Select(r => (r.Transaction.Hash, r.Reason)));
        }

        Assert.Equal(expected.Changes.Count, actual.Changes.Count);
        for (var i = 0; i < expected.Changes.Count; i++)
        {
            Assert.Equal(Convert.ToHexString(expected.Changes[i].Key), Convert.ToHexString(actual.Changes[i].Key));
            Assert.Equal(expected.Changes[i].Value is null ? null : Convert.ToHexString(expected.Changes[i].Value!), actual.Changes[i].Value is null ? null : Convert.ToHexString(actual.Changes[i].Value!));
        }

        Assert.Equal(expected.Validators.Hash, actual.Validators.Hash);
        Assert.Equal(expected.NextValidators.Hash, actual.NextValidators.Hash);
    }
}
