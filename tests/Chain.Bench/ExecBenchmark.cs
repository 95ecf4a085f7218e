using System.CommandLine;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;
using Spectre.Console;

namespace Chain.Bench;

/// <summary>
/// <c>exec</c>: block execution alone, in memory. Blocks of pre-signed native transfers over a few or many
/// accounts (contention: with 2 accounts every transfer touches the same two), executed sequentially and by the
/// parallel executor at one thread and at all cores. The state root after every block must be the sequential
/// one, and every transfer must be included with a success receipt, before any time is reported. Only the
/// executor call is timed; the state-tree update that yields the root is not. Each mode runs the whole workload
/// <c>--runs</c> times, modes interleaved, and reports its fastest run: the first run also warms the JIT up, and
/// other load on the machine can only add time. A full collection runs before each timed block, so garbage left by
/// the untimed tree update is not collected on the executor's time.
/// </summary>
internal static class ExecBenchmark
{

    public static Command Command(Dictionary<Command, string[]> examples)
    {
        var blocks = new Option<int>("--blocks") { Description = "Blocks per run.", DefaultValueFactory = _ => 10, HelpName = "N" };
        var txs = new Option<int>("--txs") { Description = "Transfers per block.", DefaultValueFactory = _ => 5_000, HelpName = "N" };
        var accounts = new Option<int[]>("--accounts")
        {
            Description = "Contention levels: numbers of accounts that send to each other (fewer accounts, more conflicts).",
            DefaultValueFactory = _ => [2, 10, 100, 1_000, 10_000],
            AllowMultipleArgumentsPerToken = true,
            HelpName = "N...",
        };
        var threads = new Option<int>("--threads")
        {
            Description = "Threads for the all-cores parallel run.",
            DefaultValueFactory = _ => Environment.ProcessorCount,
            HelpName = "N",
        };
        var runs = new Option<int>("--runs")
        {
            Description = "Runs of the whole workload per mode (interleaved); the fastest is reported.",
            DefaultValueFactory = _ => 3,
            HelpName = "N",
        };
        var json = BenchCli.JsonOption();
        var command = new Command("exec", "Execution only, in memory: sequential vs parallel (1 thread, all cores) per contention level; tx/s and speedup.")
        {
            blocks, txs, accounts, threads, runs, json,
        };
        examples[command] =
        [
            $"{BenchCli.Run} exec",
            $"{BenchCli.Run} exec --blocks 2 --txs 1000 --accounts 2 1000   # a quick run",
            $"{BenchCli.Run} exec --threads 8 --json exec.json",
        ];
        command.SetAction(parse =>
        {
            var settings = new Settings(parse.GetValue(blocks), parse.GetValue(txs), parse.GetValue(accounts)!, parse.GetValue(threads), parse.GetValue(runs));
            return settings.Problem() is { } problem ? BenchReport.Failed(problem) : Run(settings, parse.GetValue(json));
        });
        return command;
    }

    private static int Run(Settings settings, FileInfo? json)
    {
        (string Name, int? Parallelism)[] modes = [("sequential", null), ("parallel-1", 1), ($"parallel-{settings.Threads}", settings.Threads)];
        var levels = new List<LevelResult>();
        string? failure = null;
        AnsiConsole.Progress().AutoClear(false).Start(progress =>
        {
            foreach (var accounts in settings.Accounts)
            {
                var task = progress.AddTask($"{accounts,6} accounts", maxValue: 1 + (settings.Runs * modes.Length * (settings.Blocks + 1)));
                var workload = Workload.Create(accounts, settings.Blocks, settings.Txs);
                task.Increment(1);
                var fastest = new ModeRun?[modes.Length];
                var blockBest = new double[modes.Length][];
                for (var run = 0; run < settings.Runs; run++)
                {
                    var runs = new List<ModeRun>();
                    for (var m = 0; m < modes.Length; m++)
                    {
                        runs.Add(RunMode(workload, modes[m].Name, modes[m].Parallelism, () => task.Increment(1)));
                        fastest[m] = fastest[m] is { } best && best.Elapsed <= runs[m].Elapsed ? best : runs[m];
                        blockBest[m] = blockBest[m] is { } seen ? [.. seen.Zip(runs[m].BlockSeconds, Math.Min)] : [.. runs[m].BlockSeconds];
                    }

                    failure ??= Check(workload, runs);
                }

                levels.Add(new LevelResult(accounts, [.. fastest.Select(r => r!)], [.. blockBest.Select(b => b.Sum())]));
            }
        });

        if (failure is not null)
        {
            return BenchReport.Failed(failure);
        }

        Report(settings, modes.Select(m => m.Name).ToArray(), levels, json);
        return 0;
    }

    /// <summary>Runs every block in one mode from genesis: a warm-up execution of block 1 first, then the timed blocks.</summary>
    private static ModeRun RunMode(Workload workload, string name, int? parallelism, Action tick)
    {
        var ledger = workload.GenesisLedger();
        _ = ExecutionAdapter.Build(ledger, workload.Context(1), workload.Blocks[0], parallelism);
        tick();
        var roots = new List<Hash32>();
        var included = 0;
        var failed = 0;
        var elapsed = TimeSpan.Zero;
        var blockSeconds = new List<double>();
        var allocated = 0L;
        var cpu = TimeSpan.Zero;
        var collections = 0;
        using var process = Process.GetCurrentProcess();
        for (var b = 0; b < workload.Blocks.Count; b++)
        {
            var context = workload.Context((ulong)b + 1);
            // Garbage from the untimed tree update of the previous block must not be collected on the executor's time.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var collectionsBefore = GC.CollectionCount(0);
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var execution = ExecutionAdapter.Build(ledger, context, workload.Blocks[b], parallelism);
            elapsed += clock.Elapsed;
            blockSeconds.Add(clock.Elapsed.TotalSeconds);
            process.Refresh();
            cpu += process.TotalProcessorTime - cpuBefore;
            allocated += GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            collections += GC.CollectionCount(0) - collectionsBefore;
            included += execution.Included.Count;
            failed += execution.Receipts.Count(r => r.Status != ReceiptStatus.Success) + execution.Rejected.Count;
            ledger.Commit(execution.Changes);
            roots.Add(ledger.Root);
            tick();
        }

        return new ModeRun(name, parallelism, elapsed, cpu, allocated, collections, included, failed, roots, blockSeconds);
    }

    private static string? Check(Workload workload, List<ModeRun> runs)
    {
        var expected = workload.Blocks.Sum(b => b.Length);
        var sequential = runs[0];
        foreach (var run in runs)
        {
            if (run.Included != expected || run.Failed != 0)
            {
                return $"{workload.Accounts} accounts, {run.Name}: {run.Included} of {expected} transfers included, {run.Failed} failed or rejected";
            }

            if (!run.Roots.SequenceEqual(sequential.Roots))
            {
                var block = run.Roots.Zip(sequential.Roots).TakeWhile(p => p.First == p.Second).Count() + 1;
                return $"{workload.Accounts} accounts, {run.Name}: state root after block {block} differs from the sequential executor's";
            }
        }

        return null;
    }

    private static void Report(Settings settings, string[] modes, List<LevelResult> levels, FileInfo? json)
    {
        var table = new Table().Title($"execution: {settings.Blocks} blocks x {settings.Txs} transfers, fastest of {settings.Runs} runs, tx/s (speedup vs sequential, bytes allocated per tx)");
        table.AddColumn("accounts");
        foreach (var mode in modes)
        {
            table.AddColumn(new TableColumn(mode).RightAligned());
        }

        var rows = new JsonArray();
        foreach (var level in levels)
        {
            var baseline = level.Runs[0].TxPerSecond;
            table.AddRow([$"{level.Accounts:N0}", .. level.Runs.Select(r => $"{BenchReport.Rate(r.TxPerSecond)} ({r.TxPerSecond / baseline:0.00}x, {r.BytesPerTx:N0} B/tx)")]);
            rows.Add(new JsonObject
            {
                ["accounts"] = level.Accounts,
                ["stateRoot"] = level.Runs[0].Roots[^1].ToString(),
                ["modes"] = new JsonArray([.. level.Runs.Select((r, m) => (JsonNode)new JsonObject
                {
                    ["bestBlocksSeconds"] = BenchReport.Round(level.BestBlockSeconds[m], 5),
                    ["bestBlocksSpeedup"] = BenchReport.Round(level.BestBlockSeconds[0] / level.BestBlockSeconds[m], 3),
                    ["mode"] = r.Name,
                    ["parallelism"] = r.Parallelism,
                    ["seconds"] = BenchReport.Round(r.Elapsed.TotalSeconds, 4),
                    ["txPerSecond"] = BenchReport.Round(r.TxPerSecond),
                    ["speedup"] = BenchReport.Round(r.TxPerSecond / baseline, 3),
                    ["bytesPerTx"] = BenchReport.Round(r.BytesPerTx),
                    ["cpuMicrosecondsPerTx"] = BenchReport.Round(r.CpuMicrosecondsPerTx, 3),
                    ["collections"] = r.Collections,
                })]),
            });
        }

        var result = new JsonObject
        {
            ["benchmark"] = "exec",
            ["machine"] = BenchReport.Machine(),
            ["blocks"] = settings.Blocks,
            ["txsPerBlock"] = settings.Txs,
            ["runs"] = settings.Runs,
            ["reported"] = "fastest run per mode",
            ["signaturesInTiming"] = ExecutionAdapter.SignaturesInTiming,
            ["checked"] = "every transfer included with a success receipt; state root after every block equals the sequential executor's",
            ["levels"] = rows,
        };
        BenchReport.Write(result, json, table);
    }

    private sealed record Settings(int Blocks, int Txs, int[] Accounts, int Threads, int Runs)
    {
        public string? Problem() =>
            Blocks < 1 ? "--blocks must be at least 1"
            : Txs < 1 ? "--txs must be at least 1"
            : Accounts.Length == 0 || Accounts.Any(a => a < 2) ? "--accounts: each level needs at least 2 accounts"
            : Threads < 1 ? "--threads must be at least 1"
            : Runs < 1 ? "--runs must be at least 1"
            : null;
    }

    private sealed record ModeRun(string Name, int? Parallelism, TimeSpan Elapsed, TimeSpan Cpu, long Allocated, int Collections, int Included, int Failed, List<Hash32> Roots, List<double> BlockSeconds)
    {
        public double TxPerSecond => Included / Elapsed.TotalSeconds;

        /// <summary>Bytes allocated by the timed executor calls (every thread), per included transfer: independent of load.</summary>
        public double BytesPerTx => (double)Allocated / Included;

        /// <summary>
        /// Processor time of the whole process (every thread, the GC's and spinning included) during the timed calls,
        /// per included transfer: less sensitive than wall time to other load on the machine, and what a parallel mode
        /// wastes over the sequential one.
        /// </summary>
        public double CpuMicrosecondsPerTx => Cpu.TotalMicroseconds / Included;
    }

    /// <param name="BestBlockSeconds">Per mode, the sum over blocks of each block's fastest time in any run: on a shared machine a
    /// block is often interrupted in some run, rarely in all, so this is steadier than the fastest whole run.</param>
    private sealed record LevelResult(int Accounts, List<ModeRun> Runs, double[] BestBlockSeconds);
}
