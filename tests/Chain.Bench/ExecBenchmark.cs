using System.CommandLine;
using System.Diagnostics;
using System.Runtime;
using System.Text.Json.Nodes;
using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;
using Spectre.Console;

namespace Chain.Bench;

/// <summary>
/// <c>exec</c>: block execution alone, in memory. Blocks of pre-signed native transfers over a few or many
/// accounts (contention: with 2 accounts every transfer touches the same two), executed sequentially, by the
/// parallel path at one thread and at all cores (blocks of plain transfers are scheduled by account there), and by the
/// speculative (Block-STM) executor at all cores, as every block that is not plain transfers runs. The state root after every block must be the sequential
/// one, and every transfer must be included with a success receipt, before any time is reported. Only the
/// executor call is timed; the state-tree update that yields the root is not.
/// <para>Method, the same for every mode: first untimed warm-up passes of the whole workload, modes interleaved, until a
/// pass compiles (almost) no method (<see cref="JitInfo.GetCompiledMethodCount"/>): tiered compilation and dynamic PGO
/// have then settled for every mode, not only for the one that happened to run first (at least <c>--warmup</c> passes,
/// at most <see cref="MaxWarmupPasses"/>). Then <c>--runs</c> timed runs, each of every mode, modes interleaved and their
/// order rotated from run to run, so that drift (other load, the machine's clock) hits every mode alike. Each run
/// executes block 1 untimed over a fresh genesis, then times every block. A full collection runs before each timed block,
/// so garbage left by the untimed tree update is not collected on the executor's time.</para>
/// <para>Reported per mode: the fastest run (other load on the machine can only add time) and the median run; the
/// speedup of the fastest runs, and the median over runs of each run's own ratio to the sequential run beside it (the
/// paired median: a run disturbed by other load does not pair with an undisturbed one).</para>
/// </summary>
internal static class ExecBenchmark
{
    /// <summary>Warm-up passes stop here even if methods are still being compiled (a pass at 10,000 accounts takes seconds).</summary>
    private const int MaxWarmupPasses = 6;

    /// <summary>A warm-up pass that compiles no more than this many methods counts as settled (stray one-off compilations happen).</summary>
    private const int SettledCompilations = 2;

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
            Description = "Timed runs of the whole workload per mode (interleaved, order rotated); the fastest and the median are reported.",
            DefaultValueFactory = _ => 3,
            HelpName = "N",
        };
        var warmup = new Option<int>("--warmup")
        {
            Description = $"Untimed warm-up passes of the whole workload per mode (interleaved) at least; more, up to {MaxWarmupPasses}, until a pass compiles no new code.",
            DefaultValueFactory = _ => 1,
            HelpName = "N",
        };
        var json = BenchCli.JsonOption();
        var command = new Command("exec", "Execution only, in memory: sequential vs the parallel path (1 thread, all cores; transfer blocks scheduled by account) vs speculative Block-STM (all cores) per contention level; tx/s and speedup. Every mode gets the same untimed warm-up (whole-workload passes until no new code is compiled), then timed runs interleaved in rotating order; reports the fastest and the median run, and the median of per-run paired speedups.")
        {
            blocks, txs, accounts, threads, runs, warmup, json,
        };
        examples[command] =
        [
            $"{BenchCli.Run} exec",
            $"{BenchCli.Run} exec --blocks 2 --txs 1000 --accounts 2 1000   # a quick run",
            $"{BenchCli.Run} exec --threads 8 --json exec.json",
        ];
        command.SetAction(parse =>
        {
            var settings = new Settings(parse.GetValue(blocks), parse.GetValue(txs), parse.GetValue(accounts)!, parse.GetValue(threads), parse.GetValue(runs), parse.GetValue(warmup));
            return settings.Problem() is { } problem ? BenchReport.Failed(problem) : Run(settings, parse.GetValue(json));
        });
        return command;
    }

    private static int Run(Settings settings, FileInfo? json)
    {
        Mode[] modes =
        [
            new("sequential", null, Schedule: true),
            new("parallel-1", 1, Schedule: true),
            new($"parallel-{settings.Threads}", settings.Threads, Schedule: true),
            new($"speculative-{settings.Threads}", settings.Threads, Schedule: false),
        ];
        var levels = new List<LevelResult>();
        string? failure = null;
        AnsiConsole.Progress().AutoClear(false).Start(progress =>
        {
            foreach (var accounts in settings.Accounts)
            {
                var coreToCoreBefore = CoreToCore.RoundTripNanoseconds();
                var pass = modes.Length * (settings.Blocks + 1);
                var task = progress.AddTask($"{accounts,6} accounts", maxValue: 1 + ((settings.Warmup + settings.Runs) * pass));
                var workload = Workload.Create(accounts, settings.Blocks, settings.Txs);
                task.Increment(1);
                var warmupPasses = 0;
                while (warmupPasses < settings.Warmup || (warmupPasses > 0 && warmupPasses < MaxWarmupPasses))
                {
                    var compiledBefore = JitInfo.GetCompiledMethodCount();
                    if (warmupPasses >= settings.Warmup)
                    {
                        task.MaxValue += pass;
                    }

                    failure ??= Check(workload, [.. modes.Select(m => RunMode(workload, m, () => task.Increment(1)))]);
                    warmupPasses++;
                    if (warmupPasses >= settings.Warmup && JitInfo.GetCompiledMethodCount() - compiledBefore <= SettledCompilations)
                    {
                        break;
                    }
                }

                var runs = new List<ModeRun[]>();
                for (var run = 0; run < settings.Runs; run++)
                {
                    var byMode = new ModeRun[modes.Length];
                    for (var k = 0; k < modes.Length; k++)
                    {
                        var m = (run + k) % modes.Length;
                        byMode[m] = RunMode(workload, modes[m], () => task.Increment(1));
                    }

                    runs.Add(byMode);
                    failure ??= Check(workload, byMode);
                }

                levels.Add(LevelResult.Of(accounts, warmupPasses, runs) with { CoreToCoreNanoseconds = [coreToCoreBefore, CoreToCore.RoundTripNanoseconds()] });
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
    private static ModeRun RunMode(Workload workload, Mode mode, Action tick)
    {
        var (name, parallelism, schedule) = mode;
        var ledger = workload.GenesisLedger();
        _ = ExecutionAdapter.Build(ledger, workload.Context(1), workload.Blocks[0], parallelism, schedule);
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
            var execution = ExecutionAdapter.Build(ledger, context, workload.Blocks[b], parallelism, schedule);
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

    private static string? Check(Workload workload, IReadOnlyList<ModeRun> runs)
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
        var table = new Table().Title($"execution: {settings.Blocks} blocks x {settings.Txs} transfers, {settings.Runs} timed runs per mode after warm-up; tx/s of the fastest run (its speedup vs the fastest sequential run; median run's tx/s, median of per-run paired speedups; bytes allocated per tx); core-to-core: the machine's cache-line round trip between two threads, ns, before and after the level");
        table.AddColumn("accounts");
        table.AddColumn(new TableColumn("core-to-core").RightAligned());
        foreach (var mode in modes)
        {
            table.AddColumn(new TableColumn(mode).RightAligned());
        }

        var rows = new JsonArray();
        foreach (var level in levels)
        {
            var baseline = level.Fastest[0].TxPerSecond;
            table.AddRow([
                $"{level.Accounts:N0}",
                string.Join(" / ", level.CoreToCoreNanoseconds.Select(ns => ns is { } v ? $"{v:0}" : "-")),
                .. level.Fastest.Select((r, m) => $"{BenchReport.Rate(r.TxPerSecond)} ({r.TxPerSecond / baseline:0.00}x; median {BenchReport.Rate(level.Median[m].TxPerSecond)}, {level.PairedMedianSpeedup[m]:0.00}x; {r.BytesPerTx:N0} B/tx)"),
            ]);
            rows.Add(new JsonObject
            {
                ["accounts"] = level.Accounts,
                ["warmupPasses"] = level.WarmupPasses,
                ["coreToCoreRoundTripNs"] = new JsonArray([.. level.CoreToCoreNanoseconds.Select(ns => (JsonNode?)(ns is { } v ? BenchReport.Round(v) : null))]),
                ["stateRoot"] = level.Fastest[0].Roots[^1].ToString(),
                ["modes"] = new JsonArray([.. level.Fastest.Select((r, m) => (JsonNode)new JsonObject
                {
                    ["bestBlocksSeconds"] = BenchReport.Round(level.BestBlockSeconds[m], 5),
                    ["bestBlocksSpeedup"] = BenchReport.Round(level.BestBlockSeconds[0] / level.BestBlockSeconds[m], 3),
                    ["mode"] = r.Name,
                    ["parallelism"] = r.Parallelism,
                    ["seconds"] = BenchReport.Round(r.Elapsed.TotalSeconds, 4),
                    ["txPerSecond"] = BenchReport.Round(r.TxPerSecond),
                    ["speedup"] = BenchReport.Round(r.TxPerSecond / baseline, 3),
                    ["medianSeconds"] = BenchReport.Round(level.Median[m].Elapsed.TotalSeconds, 4),
                    ["medianTxPerSecond"] = BenchReport.Round(level.Median[m].TxPerSecond),
                    ["pairedMedianSpeedup"] = BenchReport.Round(level.PairedMedianSpeedup[m], 3),
                    ["pairedSpeedups"] = new JsonArray([.. level.Runs.Select(run => (JsonNode)BenchReport.Round(run[0].Elapsed / run[m].Elapsed, 3))]),
                    ["runSeconds"] = new JsonArray([.. level.Runs.Select(run => (JsonNode)BenchReport.Round(run[m].Elapsed.TotalSeconds, 4))]),
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
            ["warmup"] = $"untimed passes of the whole workload per mode, interleaved: at least {settings.Warmup}, until a pass compiles at most {SettledCompilations} methods (at most {MaxWarmupPasses})",
            ["reported"] = "per mode: fastest run (speedup = fastest sequential / fastest mode), median run, and the median over runs of each run's paired speedup (that run's sequential time / its mode time); modes interleaved, order rotated per run",
            ["signaturesInTiming"] = ExecutionAdapter.SignaturesInTiming,
            ["checked"] = "every transfer included with a success receipt; state root after every block equals the sequential executor's",
            ["levels"] = rows,
        };
        BenchReport.Write(result, json, table);
    }

    private sealed record Settings(int Blocks, int Txs, int[] Accounts, int Threads, int Runs, int Warmup)
    {
        public string? Problem() =>
            Blocks < 1 ? "--blocks must be at least 1"
            : Txs < 1 ? "--txs must be at least 1"
            : Accounts.Length == 0 || Accounts.Any(a => a < 2) ? "--accounts: each level needs at least 2 accounts"
            : Threads < 1 ? "--threads must be at least 1"
            : Runs < 1 ? "--runs must be at least 1"
            : Warmup < 0 ? "--warmup must not be negative"
            : null;
    }

    /// <summary>
    /// A way to execute: sequentially (no parallelism), or on the parallel path with that many threads, where blocks of plain
    /// transfers are scheduled by account (<see cref="Schedule"/>) or, like every other block, speculated (Block-STM).
    /// </summary>
    private sealed record Mode(string Name, int? Parallelism, bool Schedule);

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

    /// <param name="Runs">Every timed run, each with one result per mode (in mode order).</param>
    /// <param name="BestBlockSeconds">Per mode, the sum over blocks of each block's fastest time in any run: on a shared machine a
    /// block is often interrupted in some run, rarely in all, so this is steadier than the fastest whole run.</param>
    private sealed record LevelResult(int Accounts, int WarmupPasses, List<ModeRun[]> Runs, ModeRun[] Fastest, ModeRun[] Median, double[] PairedMedianSpeedup, double[] BestBlockSeconds)
    {
        /// <summary>The machine's core-to-core round trip (<see cref="CoreToCore"/>) before and after the level's runs.</summary>
        public double?[] CoreToCoreNanoseconds { get; init; } = [];

        public static LevelResult Of(int accounts, int warmupPasses, List<ModeRun[]> runs)
        {
            var modes = runs[0].Length;
            var fastest = new ModeRun[modes];
            var median = new ModeRun[modes];
            var paired = new double[modes];
            var bestBlocks = new double[modes];
            for (var m = 0; m < modes; m++)
            {
                var byTime = runs.Select(r => r[m]).OrderBy(r => r.Elapsed).ToList();
                fastest[m] = byTime[0];
                // The lower middle run of an even count: a run that exists, not an average of two.
                median[m] = byTime[(byTime.Count - 1) / 2];
                paired[m] = MedianOf([.. runs.Select(r => r[0].Elapsed / r[m].Elapsed)]);
                bestBlocks[m] = Enumerable.Range(0, runs[0][m].BlockSeconds.Count).Sum(b => runs.Min(r => r[m].BlockSeconds[b]));
            }

            return new LevelResult(accounts, warmupPasses, runs, fastest, median, paired, bestBlocks);
        }

        private static double MedianOf(double[] values)
        {
            Array.Sort(values);
            var middle = values.Length / 2;
            return values.Length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
        }
    }
}
