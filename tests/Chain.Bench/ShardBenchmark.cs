using System.CommandLine;
using System.Text.Json.Nodes;
using Chain.Core.Execution;
using Spectre.Console;

namespace Chain.Bench;

/// <summary>
/// <c>shards</c>: blocks built and verified in memory, by shard count and cross-shard fraction. Each (shard count, fraction)
/// runs a chain of <c>--blocks</c> blocks of pre-signed transfers, then empty blocks until no receipt is in flight; every
/// block carries the receipts the previous one sent, with their proofs (<see cref="ShardChain"/>). Only
/// <c>BlockAssembler.Propose</c> (execution, state-tree update, chunk headers) and <c>BlockAssembler.Verify</c> (the same,
/// re-executed, and the header compared) are timed; the relay's proofs are timed apart. Before anything is reported every
/// transfer must be included with a success receipt, every receipt applied exactly once and credited, supply conserved after
/// every block, and the verifier's header (state root included) equal to the proposer's. Each (shard count, fraction) runs
/// <c>--runs</c> times, interleaved with the others; the run with the least build + verify time is reported. Then <see cref="ShardCostBreakdown"/>.
/// </summary>
internal static class ShardBenchmark
{
    public static Command Command(Dictionary<Command, string[]> examples)
    {
        var shards = List("--shards", "Shard counts (the genesis ShardCount), comma or space separated.", "N,...", [1, 2, 4]);
        var cross = List("--cross", "Cross-shard fractions in percent: that share of transfers goes to an account on another shard (1 shard runs 0% only).", "PCT,...", [0, 10, 50]);
        var blocks = new Option<int>("--blocks") { Description = "Blocks of transfers per run (empty blocks follow until every receipt is applied).", DefaultValueFactory = _ => 10, HelpName = "N" };
        var txs = new Option<int>("--txs") { Description = "Transfers per block.", DefaultValueFactory = _ => 4_000, HelpName = "N" };
        var accounts = new Option<int>("--accounts") { Description = "Funded accounts, spread over the shards by address.", DefaultValueFactory = _ => 10_000, HelpName = "N" };
        var threads = new Option<int>("--threads") { Description = "Execution parallelism for Propose and Verify (the node uses all cores).", DefaultValueFactory = _ => Environment.ProcessorCount, HelpName = "N" };
        var runs = new Option<int>("--runs") { Description = "Runs per (shard count, fraction), interleaved across them; the fastest is reported.", DefaultValueFactory = _ => 3, HelpName = "N" };
        var noBreakdown = new Option<bool>("--no-breakdown") { Description = "Skip the per-transfer cost breakdown (same-shard vs cross-shard legs)." };
        var json = BenchCli.JsonOption();
        var command = new Command(
            "shards",
            "Sharded blocks in memory: build (Propose) and verify tx/s and receipts applied/s by shard count and cross-shard fraction, then where a cross-shard transfer's cost goes.")
        {
            shards, cross, blocks, txs, accounts, threads, runs, noBreakdown, json,
        };
        examples[command] =
        [
            $"{BenchCli.Run} shards",
            $"{BenchCli.Run} shards --shards 1,2,4 --cross 0,10,50 --blocks 10 --txs 4000 --runs 3 --json shards.json",
            $"{BenchCli.Run} shards --shards 2 --cross 0,100 --blocks 2 --txs 500 --runs 1   # a quick run",
            $"{BenchCli.Run} shards --threads 1 --no-breakdown   # sequential lanes only",
        ];
        command.SetAction(parse =>
        {
            var settings = new ShardSettings(
                parse.GetValue(shards)!, parse.GetValue(cross)!, parse.GetValue(blocks), parse.GetValue(txs), parse.GetValue(accounts), parse.GetValue(threads), parse.GetValue(runs));
            return settings.Problem() is { } problem ? BenchReport.Failed(problem) : Run(settings, !parse.GetValue(noBreakdown), parse.GetValue(json));
        });
        return command;
    }

    /// <summary>A list option that takes <c>1,2,4</c> as well as <c>1 2 4</c>.</summary>
    private static Option<int[]> List(string name, string description, string helpName, int[] defaults) => new(name)
    {
        Description = description,
        HelpName = helpName,
        AllowMultipleArgumentsPerToken = true,
        DefaultValueFactory = _ => defaults,
        CustomParser = result =>
        {
            var values = new List<int>();
            foreach (var part in result.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
            {
                if (!int.TryParse(part, System.Globalization.CultureInfo.InvariantCulture, out var value))
                {
                    result.AddError($"{name}: '{part}' is not a whole number");
                    return [];
                }

                values.Add(value);
            }

            return [.. values];
        },
    };

    private static int Run(ShardSettings settings, bool breakdown, FileInfo? json)
    {
        var options = new ExecutionOptions { Parallelism = settings.Threads, SignaturesChecked = true };
        var results = new List<ShardResult>();
        string? failure = null;
        CostBreakdown? costs = null;
        using var keys = new ShardKeys(settings.Accounts);
        AnsiConsole.Progress().AutoClear(false).Start(progress =>
        {
            var cases = settings.Cases().ToArray();
            var tasks = cases.Select(c => progress.AddTask($"{c.Shards} shards, {c.Cross,3}% cross", maxValue: 1 + (settings.Runs * (settings.Blocks + 1)))).ToArray();
            var workloads = cases.Select((c, i) =>
            {
                var workload = ShardWorkload.Create(keys, (ushort)c.Shards, c.Cross, settings.Blocks, settings.Txs);
                tasks[i].Increment(1);
                return workload;
            }).ToArray();
            var best = new ChainTotals?[cases.Length];

            // Runs interleave the cases, so a burst of load from other processes falls on all of them alike.
            for (var run = 0; run < settings.Runs && failure is null; run++)
            {
                for (var i = 0; i < cases.Length && failure is null; i++)
                {
                    var task = tasks[i];
                    var (totals, problem) = RunChain(workloads[i], options, () => task.Increment(1));
                    failure = problem is null ? null : $"{cases[i].Shards} shards, {cases[i].Cross}% cross, run {run + 1}: {problem}";
                    best[i] = best[i] is { } b && b.Build + b.Verify <= totals.Build + totals.Verify ? b : totals;
                }
            }

            if (failure is not null)
            {
                return;
            }

            results.AddRange(cases.Select((c, i) => new ShardResult(c.Shards, c.Cross, best[i]!)));
            if (breakdown)
            {
                var task = progress.AddTask("cost breakdown", maxValue: 1);
                (costs, var problem) = ShardCostBreakdown.Measure(keys, settings.Txs, settings.Runs);
                failure ??= problem;
                task.Increment(1);
            }
        });

        if (failure is not null)
        {
            return BenchReport.Failed(failure);
        }

        Report(settings, results, costs, json);
        return 0;
    }

    /// <summary>The workload's blocks, then empty blocks until nothing is in flight (a receipt waits one block).</summary>
    private static (ChainTotals Totals, string? Problem) RunChain(ShardWorkload workload, ExecutionOptions options, Action tick)
    {
        var chain = new ShardChain(workload, options);
        foreach (var transactions in workload.Blocks)
        {
            if (chain.Step(transactions) is { } problem)
            {
                return (chain.Totals, problem);
            }

            tick();
        }

        for (var drain = 0; chain.PendingCount > 0; drain++)
        {
            if (drain == 3)
            {
                return (chain.Totals, $"{chain.PendingCount} receipts still in flight after {drain} empty blocks");
            }

            if (chain.Step([]) is { } problem)
            {
                return (chain.Totals, problem);
            }
        }

        tick();
        var expected = workload.Blocks.Sum(b => b.Length);
        var t = chain.Totals;
        return t.Included != expected || t.Failed != 0 ? (t, $"{t.Included} of {expected} transfers included, {t.Failed} failed or rejected")
            : t.Applied != t.Sent ? (t, $"{t.Sent} receipts sent, {t.Applied} applied")
            : (t, null);
    }

    private static void Report(ShardSettings settings, List<ShardResult> results, CostBreakdown? costs, FileInfo? json)
    {
        var table = new Table().Title(
            $"shards: {settings.Blocks} blocks x {settings.Txs} transfers (+ drain), {settings.Accounts:N0} accounts, {settings.Threads} threads, fastest of {settings.Runs} runs");
        foreach (var column in new[] { "shards", "cross", "build tx/s", "verify tx/s", "finalized tx/s", "vs first", "receipts/s", "blocks", "KB/block", "relay ms" })
        {
            table.AddColumn(column is "shards" or "cross" ? new TableColumn(column) : new TableColumn(column).RightAligned());
        }

        if (Console.IsOutputRedirected)
        {
            AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 132); // a file or pipe: do not wrap the numbers
        }

        var baseline = results[0].Finalized;
        var rows = new JsonArray();
        foreach (var r in results)
        {
            var t = r.Totals;
            table.AddRow(
                $"{r.Shards}", $"{r.Cross}%", BenchReport.Rate(r.BuildRate), BenchReport.Rate(r.VerifyRate), BenchReport.Rate(r.Finalized), $"{r.Finalized / baseline:0.00}x",
                BenchReport.Rate(r.ReceiptRate), $"{t.Blocks}", BenchReport.Ms(t.BlockBytes / 1024.0 / t.Blocks), BenchReport.Ms(t.Relay.TotalMilliseconds));
            rows.Add(new JsonObject
            {
                ["shards"] = r.Shards,
                ["crossPercent"] = r.Cross,
                ["blocks"] = t.Blocks,
                ["transfers"] = t.Included,
                ["receiptsApplied"] = t.Applied,
                ["buildSeconds"] = BenchReport.Round(t.Build.TotalSeconds, 4),
                ["verifySeconds"] = BenchReport.Round(t.Verify.TotalSeconds, 4),
                ["relaySeconds"] = BenchReport.Round(t.Relay.TotalSeconds, 4),
                ["buildTxPerSecond"] = BenchReport.Round(r.BuildRate),
                ["verifyTxPerSecond"] = BenchReport.Round(r.VerifyRate),
                ["finalizedTxPerSecond"] = BenchReport.Round(r.Finalized),
                ["receiptsPerSecond"] = BenchReport.Round(r.ReceiptRate),
                ["blockBytes"] = t.BlockBytes,
                ["incomingBytesPerReceipt"] = t.Applied == 0 ? 0 : BenchReport.Round((double)t.IncomingBytes / t.Applied),
                ["auditPathHashesPerReceipt"] = t.Applied == 0 ? 0 : BenchReport.Round((double)t.PathHashes / t.Applied, 2),
                ["stateWritesPerBlock"] = BenchReport.Round((double)t.StateWrites / t.Blocks),
            });
        }

        var result = new JsonObject
        {
            ["benchmark"] = "shards",
            ["machine"] = BenchReport.Machine(),
            ["load"] = ShardCostBreakdown.LoadAverage(),
            ["blocks"] = settings.Blocks,
            ["txsPerBlock"] = settings.Txs,
            ["accounts"] = settings.Accounts,
            ["threads"] = settings.Threads,
            ["runs"] = settings.Runs,
            ["reported"] = "run with the least build + verify time; finalized tx/s = transfers / (build + verify); receipts/s = receipts applied / (build + verify)",
            ["signaturesInTiming"] = false,
            ["checked"] = "every transfer included with a success receipt; every receipt applied exactly once and credited; total supply = balances + stake + in flight after every block; verifier's header (state root, chunks) equals the proposer's",
            ["cases"] = rows,
            ["breakdown"] = costs?.ToJson(),
        };
        BenchReport.Write(result, json, table);
        if (costs is not null)
        {
            AnsiConsole.Write(costs.Table());
        }

        AnsiConsole.MarkupLineInterpolated($"[grey]finalized tx/s = transfers / (build + verify time), vs first = that against the first row; receipts/s = receipts applied / (build + verify); relay = building the proofs, outside the blocks. Load average at the end: {ShardCostBreakdown.LoadAverage()}[/]");
    }

    private sealed record ShardResult(int Shards, int Cross, ChainTotals Totals)
    {
        public double BuildRate => Totals.Included / Totals.Build.TotalSeconds;

        public double VerifyRate => Totals.Included / Totals.Verify.TotalSeconds;

        public double Finalized => Totals.Included / (Totals.Build + Totals.Verify).TotalSeconds;

        public double ReceiptRate => Totals.Applied / (Totals.Build + Totals.Verify).TotalSeconds;
    }

    private sealed record ShardSettings(int[] Shards, int[] Cross, int Blocks, int Txs, int Accounts, int Threads, int Runs)
    {
        /// <summary>Every (shard count, fraction); one shard has no other shard to send to, so it runs 0% only.</summary>
        public IEnumerable<(int Shards, int Cross)> Cases() =>
            Shards.SelectMany(s => (s == 1 ? Cross.Where(c => c == 0).DefaultIfEmpty(0).Distinct() : Cross).Select(c => (s, c)));

        public string? Problem() =>
            Shards.Length == 0 || Shards.Any(s => s is < 1 or > Chain.Protocol.ProtocolLimits.MaxShards) ? $"--shards: each between 1 and {Chain.Protocol.ProtocolLimits.MaxShards}"
            : Cross.Length == 0 || Cross.Any(c => c is < 0 or > 100) ? "--cross: each a percentage from 0 to 100"
            : Blocks < 1 ? "--blocks must be at least 1"
            : Txs < 1 || Txs > Chain.Protocol.ProtocolLimits.MaxTransactionsPerBlock ? $"--txs must be 1..{Chain.Protocol.ProtocolLimits.MaxTransactionsPerBlock}"
            : Accounts < 16 * Shards.Max() ? "--accounts must be at least 16 per shard"
            : Threads < 1 ? "--threads must be at least 1"
            : Runs < 1 ? "--runs must be at least 1"
            : null;
    }
}
