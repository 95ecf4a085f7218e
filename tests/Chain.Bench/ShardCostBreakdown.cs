using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Chain.Core.Blocks;
using Chain.Core.Execution;
using Chain.Core.Sharding;
using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;
using Chain.Protocol.Proofs;
using Chain.Protocol.Sharding;
using Chain.Tests.Unit.Core;
using Spectre.Console;

namespace Chain.Bench;

/// <summary>
/// Where a cross-shard transfer's cost goes, against a same-shard one: 2 shards, one thread, K transfers per block. Blocks
/// executed (<c>BlockExecutor.Build</c>) over the same committed state: empty, K same-shard transfers, K cross-shard
/// transfers (the source leg: debit, receipt, counter, outgoing root), then on top of the latter an empty block and one that
/// applies the K receipts (the destination leg: sequence check, proof check, credit). Each cost is the block's minus the empty
/// block's, per transfer; the state-tree update of each block's writes and its chunk headers likewise. Parts (receipt encoding,
/// one proof check, the relay's proofs) are timed alone. Fastest of several repetitions each.
/// </summary>
internal static class ShardCostBreakdown
{
    private const int Repetitions = 5;

    public static (CostBreakdown? Costs, string? Problem) Measure(ShardKeys keys, int k, int runs)
    {
        var reps = Math.Max(Repetitions, runs);
        var same = ShardWorkload.Create(keys, 2, 0, 1, k);
        var cross = ShardWorkload.Create(keys, 2, 100, 1, k);
        var seq = new ExecutionOptions { Parallelism = 1, SignaturesChecked = true };
        var genesis = new MemoryLedger();
        genesis.Commit(GenesisState.Changes(same.Genesis));
        BlockContext Context(ulong height) => new(ShardWorkload.ChainId, height, same.Genesis.GenesisTimeUnixMs + ((long)height * 1000), keys.Validator.Address, same.Parameters);

        var (empty, tEmpty) = Best(reps, () => BlockExecutor.Build(genesis, Context(1), null, [], [], seq));
        var (sameBlock, tSame) = Best(reps, () => BlockExecutor.Build(genesis, Context(1), null, same.Blocks[0], [], seq));
        var (crossBlock, tCross) = Best(reps, () => BlockExecutor.Build(genesis, Context(1), null, cross.Blocks[0], [], seq));
        if (sameBlock.Included.Count != k || crossBlock.Included.Count != k || crossBlock.Outgoing.Count != k
            || sameBlock.Receipts.Concat(crossBlock.Receipts).Any(r => r.Status != ReceiptStatus.Success))
        {
            return (null, $"breakdown: {sameBlock.Included.Count} same-shard and {crossBlock.Included.Count} cross-shard of {k} included, {crossBlock.Outgoing.Count} receipts sent");
        }

        var (incoming, tProve) = Best(reps, () => crossBlock.Outgoing.GroupBy(r => r.Source).SelectMany(c => IncomingReceipt.ProveAll([.. c]))
            .OrderBy(e => e.Receipt.Destination).ThenBy(e => e.Receipt.Source).ThenBy(e => e.Receipt.Sequence).ToArray());
        var after = new MemoryLedger();
        after.Commit(GenesisState.Changes(same.Genesis));
        after.Commit(crossBlock.Changes);
        var (empty2, tEmpty2) = Best(reps, () => BlockExecutor.Build(after, Context(2), null, [], [], seq));
        var (destBlock, tDest) = Best(reps, () => BlockExecutor.Build(after, Context(2), null, [], incoming, seq));
        if (destBlock.Incoming.Count != k || destBlock.IncomingOutcomes.Any(o => o != IncomingOutcome.Credited))
        {
            return (null, $"breakdown: {destBlock.Incoming.Count} of {k} receipts credited ({(destBlock.DroppedIncoming.Count > 0 ? destBlock.DroppedIncoming[0].Problem : IncomingProblem.None)})");
        }

        var roots = incoming.Select(e => e.Receipt.Source).Distinct().ToDictionary(s => s, s => after.Get(StateKeys.OutgoingRoot(s, 1))!);
        var (verified, tVerify) = Best(reps, () => incoming.Count(e => e.Verifies(new Hash32(roots[e.Receipt.Source].AsSpan(0, 32)), BinaryPrimitives.ReadUInt32BigEndian(roots[e.Receipt.Source].AsSpan(32)))));
        var (_, tEncode) = Best(reps, () => crossBlock.Outgoing.Sum(r => r.Encode().Length));
        if (verified != k)
        {
            return (null, $"breakdown: {verified} of {k} proofs check");
        }

        var tree = genesis.Tree;
        var (_, tTreeEmpty) = Best(reps, () => tree.Update(genesis.Root, empty.Changes));
        var (_, tTreeSame) = Best(reps, () => tree.Update(genesis.Root, sameBlock.Changes));
        var (_, tTreeCross) = Best(reps, () => tree.Update(genesis.Root, crossBlock.Changes));
        var afterTree = after.Tree; // one tree each, warmed by Best's first call: a validator's tree keeps its node cache
        var (_, tTreeEmpty2) = Best(reps, () => afterTree.Update(after.Root, empty2.Changes));
        var (_, tTreeDest) = Best(reps, () => afterTree.Update(after.Root, destBlock.Changes));
        var (_, tChunksSame) = Best(reps, () => ChunkLayout.Headers(2, sameBlock.Included, [], []));
        var (_, tChunksCross) = Best(reps, () => ChunkLayout.Headers(2, crossBlock.Included, [], crossBlock.Outgoing));
        var (_, tChunksDest) = Best(reps, () => ChunkLayout.Headers(2, [], incoming, []));

        double Per(TimeSpan t) => t.TotalMicroseconds / k;
        var txBytes = same.Blocks[0].Average(t => t.EncodedLength);
        return (new CostBreakdown(
            k,
            Execution: new Legs(Per(tSame - tEmpty), Per(tCross - tEmpty), Per(tDest - tEmpty2)),
            Part: new Legs(0, Per(tEncode), Per(tVerify)),
            Tree: new Legs(Per(tTreeSame - tTreeEmpty), Per(tTreeCross - tTreeEmpty), Per(tTreeDest - tTreeEmpty2)),
            Chunks: new Legs(Per(tChunksSame), Per(tChunksCross), Per(tChunksDest)),
            Writes: new Legs(Writes(sameBlock, empty, k), Writes(crossBlock, empty, k), Writes(destBlock, empty2, k)),
            ShardWrites: new Legs(ShardWrites(sameBlock), ShardWrites(crossBlock), ShardWrites(destBlock)),
            BlockBytes: new Legs(txBytes, txBytes, incoming.Average(e => e.Encode().Length)),
            RelayMicros: Per(tProve),
            PathHashes: incoming.Average(e => e.Path.Count)), null);
    }

    /// <summary>The load averages (1, 5, 15 minutes) and cores, for the report: another process's work can only add time.</summary>
    public static string LoadAverage()
    {
        var load = File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
        return $"{load} on {Environment.ProcessorCount} cores";
    }

    private static double Writes(BlockExecution block, BlockExecution empty, int k) => (block.Changes.Count - empty.Changes.Count) / (double)k;

    private static int ShardWrites(BlockExecution block) => block.Changes.Count(c => c.Key[0] == StateKeys.ShardSpace);

    private static (T Result, TimeSpan Elapsed) Best<T>(int repetitions, Func<T> work)
    {
        var result = work(); // warm-up
        var best = TimeSpan.MaxValue;
        for (var i = 0; i < repetitions; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var clock = Stopwatch.StartNew();
            result = work();
            best = clock.Elapsed < best ? clock.Elapsed : best;
        }

        return (result, best);
    }
}

/// <summary>One measure for a same-shard transfer, a cross-shard transfer's source leg and its destination leg.</summary>
internal sealed record Legs(double Same, double Source, double Destination)
{
    public double CrossTotal => Source + Destination;

    public JsonObject ToJson() => new()
    {
        ["sameShard"] = BenchReport.Round(Same, 3),
        ["crossSource"] = BenchReport.Round(Source, 3),
        ["crossDestination"] = BenchReport.Round(Destination, 3),
        ["crossTotal"] = BenchReport.Round(CrossTotal, 3),
    };
}

/// <summary>The breakdown's numbers: times in microseconds per transfer.</summary>
internal sealed record CostBreakdown(int Transfers, Legs Execution, Legs Part, Legs Tree, Legs Chunks, Legs Writes, Legs ShardWrites, Legs BlockBytes, double RelayMicros, double PathHashes)
{
    public Legs Total => new(Execution.Same + Tree.Same + Chunks.Same, Execution.Source + Tree.Source + Chunks.Source, Execution.Destination + Tree.Destination + Chunks.Destination);

    public Table Table()
    {
        var table = new Table().Title($"cost of one transfer: 2 shards, 1 thread, {Transfers:N0} per block, fastest of several (us per transfer unless stated)");
        table.AddColumn("");
        foreach (var column in new[] { "same shard", "cross: source", "cross: destination", "cross total" })
        {
            table.AddColumn(new TableColumn(column).RightAligned());
        }

        Row(table, "execution (block minus empty block)", Execution, "0.00");
        table.AddRow("  of which: receipt encoding / proof check", "-", F(Part.Source, "0.00"), F(Part.Destination, "0.00"), F(Part.CrossTotal, "0.00"));
        Row(table, "state-tree update of the block's writes", Tree, "0.00");
        Row(table, "chunk headers", Chunks, "0.00");
        Row(table, "total in the block path", Total, "0.00");
        Row(table, "state writes per transfer", Writes, "0.00");
        table.AddRow("  shard-space writes per block (counters, roots)", $"{ShardWrites.Same:0}", $"{ShardWrites.Source:0}", $"{ShardWrites.Destination:0}", $"{ShardWrites.CrossTotal:0}");
        table.AddRow("block body bytes per transfer", F(BlockBytes.Same, "0"), F(BlockBytes.Source, "0"), $"{F(BlockBytes.Destination, "0")} (receipt {ShardReceipt.EncodedSize} + proof, {PathHashes:0.0} hashes)", F(BlockBytes.CrossTotal, "0"));
        table.AddRow("relay: building the proof (outside blocks)", "-", F(RelayMicros, "0.00"), "-", F(RelayMicros, "0.00"));
        table.AddRow("blocks until the recipient has the value", "0 (same block)", "-", "-", "+1 block");
        return table;
    }

    public JsonObject ToJson() => new()
    {
        ["shards"] = 2,
        ["threads"] = 1,
        ["transfersPerBlock"] = Transfers,
        ["unit"] = "microseconds per transfer; writes per transfer; bytes per transfer",
        ["execution"] = Execution.ToJson(),
        ["receiptEncodeOrProofCheck"] = Part.ToJson(),
        ["treeUpdate"] = Tree.ToJson(),
        ["chunkHeaders"] = Chunks.ToJson(),
        ["total"] = Total.ToJson(),
        ["stateWrites"] = Writes.ToJson(),
        ["shardSpaceWritesPerBlock"] = ShardWrites.ToJson(),
        ["blockBodyBytes"] = BlockBytes.ToJson(),
        ["relayProofMicroseconds"] = BenchReport.Round(RelayMicros, 3),
        ["auditPathHashes"] = BenchReport.Round(PathHashes, 2),
        ["extraBlocksOfLatency"] = 1,
    };

    private static void Row(Table table, string name, Legs legs, string format) =>
        table.AddRow(name, F(legs.Same, format), F(legs.Source, format), F(legs.Destination, format), F(legs.CrossTotal, format));

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
