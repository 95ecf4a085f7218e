using Chain.Core.Sharding;
using Chain.Core.Staking;
using Chain.Core.State;
using Chain.Protocol;
using Chain.Protocol.Blocks;
using Chain.Protocol.Proofs;
using Chain.Protocol.Sharding;
using Chain.Protocol.Transactions;

namespace Chain.Core.Execution;

/// <summary>
/// Executes a block: a pure function of (committed state, context, parent certificate, incoming cross-shard receipts,
/// transactions). The staking begin step (rewards and downtime for the parent certificate) runs first, then the lanes (below),
/// then the staking end step (set rotation, epochs): see <see cref="BlockStaking"/>.
/// <c>Build</c> is the proposer's mode: candidates that cannot be included, or are badly signed, are left out.
/// <c>Replay</c> is the verifier's mode: every transaction and incoming receipt must be includable, or the block is invalid.
/// Both trust <c>lastCertificate</c>: the caller has checked it against the previous set.
/// <para>Lanes (docs/protocol.md §13.5): with one shard, a single lane runs every transaction in block order. With N shards, the
/// lanes of shards 1..N-1 (their incoming receipts, then their senders' plain transfers) run concurrently, each on its own
/// overlay, touching only their shard's accounts and their own cross-shard counters; their fees go to the proposer; then lane 0,
/// the metashard, runs shard 0's receipts and transfers and every other payload (staking, contracts), with access to all state.
/// Receipts sent during the block become its outgoing receipts, and each sending chunk's outgoing root is stored in state.</para>
/// <para><see cref="ExecutionOptions"/> only changes how lanes run: with more than one thread, signatures are checked in parallel
/// up front and a lane's transactions execute optimistically in parallel (<see cref="Speculative.ParallelTransactionExecutor"/>),
/// with exactly the sequential result. 1 is the sequential path.</para>
/// </summary>
public static class BlockExecutor
{
    public static BlockExecution Build(IStateReader committed, BlockContext context, QuorumCertificate? lastCertificate, IEnumerable<SignedTransaction> candidates, int parallelism = 1) =>
        Build(committed, context, lastCertificate, candidates, new ExecutionOptions { Parallelism = parallelism });

    public static BlockExecution Build(IStateReader committed, BlockContext context, QuorumCertificate? lastCertificate, IEnumerable<SignedTransaction> candidates, ExecutionOptions options) =>
        Build(committed, context, lastCertificate, candidates, [], options);

    /// <summary>Builds a block from candidate transactions and candidate incoming receipts; receipts that cannot apply are reported in <see cref="BlockExecution.DroppedIncoming"/>.</summary>
    public static BlockExecution Build(
        IStateReader committed, BlockContext context, QuorumCertificate? lastCertificate, IEnumerable<SignedTransaction> candidates, IReadOnlyList<IncomingReceipt> incoming, ExecutionOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Parallelism, 1);
        context = WithContracts(context, options);
        var shards = context.Parameters.ShardCount;
        var max = context.Parameters.MaxBlockTransactions;
        // With several lanes running at once, the cap cannot stop the block mid-way: it bounds the candidates instead.
        IReadOnlyList<SignedTransaction> list = shards == 1 ? [.. candidates] : [.. candidates.Take((int)max)];
        var limited = WithinLimits(incoming);
        var valid = CheckSignatures(list, options);
        using var workers = Prestart(shards, options);
        var overlay = new StateOverlay(committed);
        var validators = BeginBlock(overlay, context, lastCertificate);
        var lanes = Split(list, valid, limited, shards);
        RunLanes(overlay, context, lanes, options, (lane, laneOverlay, laneContext, parallelism) => lane.Build(laneOverlay, laneContext, max, parallelism, options, workers));
        var outgoing = TakeOutgoing(overlay, context);
        var next = BlockStaking.End(overlay, context, validators);
        var (included, receipts) = shards == 1 ? (lanes[0].Included, lanes[0].Receipts) : InBlockOrder(list, lanes);
        var applied = AppliedInBlockOrder(lanes);
        return new BlockExecution(included, receipts, overlay.Changes(options.Parallelism), [.. lanes.SelectMany(l => l.Rejected)], validators, next)
        {
            Incoming = [.. applied.Select(a => a.Entry)],
            IncomingOutcomes = [.. applied.Select(a => a.Outcome)],
            DroppedIncoming = [.. lanes.SelectMany(l => l.Dropped)],
            Outgoing = outgoing,
        };
    }

    /// <summary>Re-executes a proposed block; returns null and the reason when any transaction is not includable or badly signed.</summary>
    public static (BlockExecution? Execution, string? Error) Replay(IStateReader committed, BlockContext context, QuorumCertificate? lastCertificate, IReadOnlyList<SignedTransaction> transactions, int parallelism = 1) =>
        Replay(committed, context, lastCertificate, transactions, new ExecutionOptions { Parallelism = parallelism });

    public static (BlockExecution? Execution, string? Error) Replay(IStateReader committed, BlockContext context, QuorumCertificate? lastCertificate, IReadOnlyList<SignedTransaction> transactions, ExecutionOptions options) =>
        Replay(committed, context, lastCertificate, transactions, [], options);

    /// <summary>Re-executes a proposed block as <see cref="ExecutionOptions"/> say; the same result as the sequential path.</summary>
    public static (BlockExecution? Execution, string? Error) Replay(
        IStateReader committed, BlockContext context, QuorumCertificate? lastCertificate, IReadOnlyList<SignedTransaction> transactions, IReadOnlyList<IncomingReceipt> incoming, ExecutionOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Parallelism, 1);
        context = WithContracts(context, options);
        if (transactions.Count > context.Parameters.MaxBlockTransactions)
        {
            return (null, $"block has {transactions.Count} transactions, more than the limit {context.Parameters.MaxBlockTransactions}");
        }

        if (incoming.Count > ProtocolLimits.MaxIncomingPerBlock)
        {
            return (null, $"block applies {incoming.Count} cross-shard receipts, more than the limit {ProtocolLimits.MaxIncomingPerBlock}");
        }

        if (ContractIncomingBytes(incoming) > ProtocolLimits.MaxContractIncomingBytesPerBlock)
        {
            return (null, $"block applies more than {ProtocolLimits.MaxContractIncomingBytesPerBlock} bytes of contract receipts");
        }

        var shards = context.Parameters.ShardCount;
        if (incoming.Select(i => i.Receipt.Destination).Zip(incoming.Skip(1).Select(i => i.Receipt.Destination)).Any(p => p.First > p.Second))
        {
            return (null, "the block's incoming receipts are not grouped by destination shard in ascending order");
        }

        var valid = CheckSignatures(transactions, options);
        using var workers = Prestart(shards, options);
        var overlay = new StateOverlay(committed);
        var validators = BeginBlock(overlay, context, lastCertificate);
        var lanes = Split(transactions, valid, incoming, shards);
        RunLanes(overlay, context, lanes, options, (lane, laneOverlay, laneContext, parallelism) => lane.Replay(laneOverlay, laneContext, parallelism, options, workers));
        if (lanes.FirstOrDefault(l => l.Error is not null) is { } failed)
        {
            return (null, failed.Error);
        }

        var outgoing = TakeOutgoing(overlay, context);
        var next = BlockStaking.End(overlay, context, validators);
        var receipts = shards == 1 ? lanes[0].Receipts : InBlockOrder(transactions, lanes).Receipts;
        return (new BlockExecution(transactions, receipts, overlay.Changes(options.Parallelism), [], validators, next)
        {
            Incoming = incoming,
            IncomingOutcomes = [.. AppliedInBlockOrder(lanes).Select(a => a.Outcome)],
            Outgoing = outgoing,
        }, null);
    }

    /// <summary>
    /// With one shard and several threads, the transaction phase's workers, started before the begin step so that their wake-up
    /// overlaps it (signatures are checked first: that fans out over the same threads). Lanes of several shards start their own.
    /// </summary>
    private static Speculative.PrestartedWorkers? Prestart(ushort shards, ExecutionOptions options) =>
        shards == 1 && options.Parallelism > 1 ? new Speculative.PrestartedWorkers(options.Parallelism - 1) : null;

    private static BlockContext WithContracts(BlockContext context, ExecutionOptions options) =>
        options.Contracts is null ? context : context with { Contracts = options.Contracts };

    internal static string InvalidSignatureError(int index) => $"transaction {index} has an invalid signature";

    internal static string NotIncludableError(int index, TxErrorCode reason) => $"transaction {index} cannot be included: {reason}";

    /// <summary>
    /// Lanes 1..N-1 concurrently on overlays of their own over the block's, merged back in shard order with their fees credited to
    /// the proposer; then lane 0 on the block's overlay. Threads are split among the concurrent lanes.
    /// </summary>
    private static void RunLanes(StateOverlay overlay, BlockContext context, LaneRun[] lanes, ExecutionOptions options, Action<LaneRun, StateOverlay, BlockContext, int> run)
    {
        if (lanes.Length > 1)
        {
            overlay.SettlePendingFees();
            var others = lanes.Length - 1;
            var overlays = new StateOverlay[lanes.Length];
            var perLane = Math.Max(1, options.Parallelism / others);
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Min(options.Parallelism, others), TaskScheduler = TaskScheduler.Default };
            Parallel.For(1, lanes.Length, parallel, s =>
            {
                overlays[s] = new StateOverlay(overlay);
                run(lanes[s], overlays[s], context with { Proposer = CrossShardKeys.FeeSink((ushort)s) }, perLane);
            });

            ulong fees = 0;
            for (var s = 1; s < lanes.Length; s++)
            {
                var sink = CrossShardKeys.FeeSink((ushort)s);
                var sinkKey = StateKeys.Account(sink);
                var before = overlay.GetAccount(sink).Balance;
                foreach (var change in overlays[s].Changes())
                {
                    if (change.Key.AsSpan().SequenceEqual(sinkKey))
                    {
                        // Only this lane's fees moved it: the sink lives on shard 0, which no lane 1..N-1 transaction writes.
                        fees = checked(fees + (AccountState.Decode(change.Value!).Balance - before));
                    }
                    else
                    {
                        overlay.Set(change.Key, change.Value);
                    }
                }
            }

            if (fees > 0)
            {
                overlay.CreditFee(context.Proposer, fees);
            }
        }

        run(lanes[0], overlay, context, options.Parallelism);
    }

    /// <summary>Takes the receipts the lanes sent out of the write set and stores each sending chunk's outgoing root.</summary>
    private static ShardReceipt[] TakeOutgoing(StateOverlay overlay, BlockContext context)
    {
        if (context.Parameters.ShardCount == 1)
        {
            return []; // no transfer crosses shards, so no pending receipt key was written
        }

        var height = context.Height;
        var pending = overlay.TakeWrites(CrossShardKeys.PendingPrefix);
        if (pending.Count == 0)
        {
            return [];
        }

        // A pending value is the receipt's encoding: it is the Merkle leaf as it stands.
        var outgoing = pending.Select(p => (Receipt: ShardReceipt.Decode(p.Value), Leaf: p.Value!)).ToArray();
        foreach (var chunk in outgoing.GroupBy(r => r.Receipt.Source))
        {
            var leaves = chunk.Select(r => r.Leaf).ToArray();
            overlay.Set(StateKeys.OutgoingRoot(chunk.Key, height), CrossShardKeys.RootRecord(BinaryMerkle.Root(leaves), (uint)leaves.Length));
        }

        return [.. outgoing.Select(r => r.Receipt)];
    }

    private static LaneRun[] Split(IReadOnlyList<SignedTransaction> transactions, bool[] valid, IReadOnlyList<IncomingReceipt> incoming, ushort shards)
    {
        if (shards == 1)
        {
            return [new LaneRun(0, transactions, valid, incoming)];
        }

        var indices = new List<int>[shards];
        var receipts = new List<IncomingReceipt>[shards];
        for (var s = 0; s < shards; s++)
        {
            (indices[s], receipts[s]) = ([], []);
        }

        for (var i = 0; i < transactions.Count; i++)
        {
            indices[ChunkLayout.LaneOf(transactions[i], shards)].Add(i);
        }

        var receiptIndices = new List<int>[shards];
        for (var s = 0; s < shards; s++)
        {
            receiptIndices[s] = [];
        }

        for (var i = 0; i < incoming.Count; i++)
        {
            // A receipt for a shard the chain does not have is checked (and refused) by lane 0; so are contract receipts applied.
            var receipt = incoming[i].Receipt;
            var lane = receipt.Destination < shards ? CrossShard.LaneOf(receipt) : 0;
            receipts[lane].Add(incoming[i]);
            receiptIndices[lane].Add(i);
        }

        return [.. Enumerable.Range(0, shards).Select(s => new LaneRun(
            (ushort)s, [.. indices[s].Select(i => transactions[i])], [.. indices[s].Select(i => valid[i])], receipts[s], [.. indices[s]], [.. receiptIndices[s]]))];
    }

    /// <summary>
    /// The receipts the lanes applied, grouped by destination shard (ascending) and in candidate order within one, as a block
    /// carries them (§13.4): lane 0 applies the contract receipts of every destination.
    /// </summary>
    private static List<(int Index, IncomingReceipt Entry, IncomingOutcome Outcome)> AppliedInBlockOrder(LaneRun[] lanes) =>
        [.. lanes.SelectMany(l => l.Applied).OrderBy(a => a.Entry.Receipt.Destination).ThenBy(a => a.Index)];

    /// <summary>The candidates a block may carry: at most <see cref="ProtocolLimits.MaxIncomingPerBlock"/>, and contract receipts up to their byte limit.</summary>
    private static IReadOnlyList<IncomingReceipt> WithinLimits(IReadOnlyList<IncomingReceipt> incoming)
    {
        if (incoming.Count <= ProtocolLimits.MaxIncomingPerBlock && ContractIncomingBytes(incoming) <= ProtocolLimits.MaxContractIncomingBytesPerBlock)
        {
            return incoming;
        }

        var kept = new List<IncomingReceipt>();
        long bytes = 0;
        foreach (var entry in incoming)
        {
            if (kept.Count == ProtocolLimits.MaxIncomingPerBlock)
            {
                break;
            }

            // A contract receipt over the byte budget waits for a later block; so do the later ones of its channel (they would be out of order).
            var size = entry.Receipt.IsContract ? entry.EncodedLength : 0;
            if (bytes + size > ProtocolLimits.MaxContractIncomingBytesPerBlock)
            {
                continue;
            }

            bytes += size;
            kept.Add(entry);
        }

        return kept;
    }

    private static long ContractIncomingBytes(IReadOnlyList<IncomingReceipt> incoming)
    {
        long bytes = 0;
        foreach (var entry in incoming)
        {
            if (entry.Receipt.IsContract)
            {
                bytes += entry.EncodedLength;
            }
        }

        return bytes;
    }

    /// <summary>The lanes' included transactions and receipts merged back into block order.</summary>
    private static (List<SignedTransaction> Included, List<Receipt> Receipts) InBlockOrder(IReadOnlyList<SignedTransaction> ordered, LaneRun[] lanes)
    {
        var merged = new List<(int Index, Receipt Receipt)>();
        foreach (var lane in lanes)
        {
            merged.AddRange(lane.IncludedBlockIndices.Zip(lane.Receipts));
        }

        merged.Sort((a, b) => a.Index.CompareTo(b.Index));
        return ([.. merged.Select(m => ordered[m.Index])], [.. merged.Select(m => m.Receipt)]);
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
