using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Chain.Cli;
using Chain.Client;
using Chain.Protocol.Crypto;
using Chain.Protocol.Files;
using Chain.Protocol.Transactions;
using Spectre.Console;

namespace Chain.Bench;

/// <summary>
/// <c>node</c>: end to end on a devnet. Funds senders from the faucet (untimed), pre-signs transfers between them,
/// makes a warm-up set final (untimed: steady state, not JIT start-up, is measured), then submits the timed set in
/// batches over several client connections and follows final blocks. Reports finalized transfers
/// per second (first submit to the last one's block seen final), submit-to-final latency per transfer, and the
/// ratio to the machine's raw Ed25519 verification rate. Every transfer must be final with a success receipt, and
/// the senders' balances must sum to what they held less the fees, before a number is reported.
/// </summary>
internal static class NodeBenchmark
{
    private const int WarmupRounds = 40;

    public static Command Command(Dictionary<Command, string[]> examples)
    {
        var validators = new Option<int>("--validators") { Description = "Validators of the devnet the tool starts (1 or 4 are typical).", DefaultValueFactory = _ => 1, HelpName = "N" };
        var transactions = new Option<int>("--transactions", "-n") { Description = "Transfers to submit and time.", DefaultValueFactory = _ => 10_000, HelpName = "N" };
        var connections = new Option<int>("--connections", "-c")
        {
            Description = "Orleans client connections submitting side by side, one batch in flight each. Enough to keep the node's cores busy while a block's durable write holds the ledger's turn (4 left them about 6% idle on 2 cores).",
            DefaultValueFactory = _ => 16,
            HelpName = "C",
        };
        var batch = new Option<int>("--batch") { Description = "Transfers per SubmitBatch call.", DefaultValueFactory = _ => 250, HelpName = "N" };
        var perSender = new Option<int>("--per-sender") { Description = $"Transfers per sender (1..{Funding.PerRound}; a sender may queue 63 ahead).", DefaultValueFactory = _ => 50, HelpName = "N" };
        var interval = new Option<int>("--block-interval-ms") { Description = "The devnet's --block-interval-ms.", DefaultValueFactory = _ => 100, HelpName = "MS" };
        var rate = new Option<int>("--rate") { Description = "Offered load in transfers/s, paced per batch (0: as fast as the node accepts). Use half the saturated TPS to measure latency under load.", DefaultValueFactory = _ => 0, HelpName = "TPS" };
        var gateway = new Option<string?>("--gateway") { Description = "Use a running node at HOST:PORT instead of starting a devnet.", HelpName = "HOST:PORT" };
        var faucet = new Option<string>("--faucet-key") { Description = "With --gateway: the funded key that pays the senders.", DefaultValueFactory = _ => "chain-data/keys/faucet.json", HelpName = "FILE" };
        var warmupOption = new Option<int>("--warmup")
        {
            Description = "Transfers made final before timing starts, so the node runs at steady state (a fresh silo spends its first seconds JIT-compiling). 0: none.",
            DefaultValueFactory = _ => 20_000,
            HelpName = "N",
        };
        var json = BenchCli.JsonOption();
        var command = new Command("node", "End to end on a devnet: finalized transfers/s, submit-to-final latency, and the ratio to raw Ed25519 verification on all cores.")
        {
            validators, transactions, connections, batch, perSender, interval, rate, warmupOption, gateway, faucet, json,
        };
        examples[command] =
        [
            $"{BenchCli.Run} node --transactions 2000 --connections 2          # a quick run",
            $"{BenchCli.Run} node --validators 4 --transactions 50000 --connections 8 --json node.json",
            $"{BenchCli.Run} node --validators 4 --transactions 10000 --rate 2500  # latency at a fixed offered load",
            $"{BenchCli.Run} node --gateway localhost:30000 --faucet-key chain-data/keys/faucet.json",
        ];
        command.SetAction(async (parse, ct) =>
        {
            var s = new Settings(
                parse.GetValue(validators), parse.GetValue(transactions), parse.GetValue(connections), parse.GetValue(batch),
                parse.GetValue(perSender), parse.GetValue(interval), parse.GetValue(gateway), parse.GetValue(faucet)!, parse.GetValue(rate), parse.GetValue(warmupOption));
            if (s.Problem() is { } problem)
            {
                return BenchReport.Failed(problem);
            }

            var dataDir = Path.Combine(Path.GetTempPath(), $"chain-bench-node-{Guid.NewGuid():N}");
            var devnet = s.Gateway is null ? await StartDevnet(dataDir, s) : null;
            try
            {
                return await RunAsync(s, devnet?.Gateway ?? s.Gateway!, devnet?.FaucetKeyPath ?? s.FaucetKey, devnet, parse.GetValue(json));
            }
            finally
            {
                if (devnet is not null)
                {
                    await devnet.DisposeAsync();
                    Directory.Delete(dataDir, recursive: true);
                }
            }
        });
        return command;
    }

    private static async Task<Devnet> StartDevnet(string dataDir, Settings s)
    {
        AnsiConsole.MarkupLineInterpolated($"[grey]starting a devnet: {s.Validators} validator(s), block interval {s.BlockIntervalMs} ms, data in {dataDir}[/]");
        return await Devnet.StartAsync(dataDir, s.Validators, s.BlockIntervalMs);
    }

    private static async Task<int> RunAsync(Settings s, string gateway, string faucetKey, Devnet? devnet, FileInfo? json)
    {
        var clients = new List<ChainClient>();
        try
        {
            for (var i = 0; i < s.Connections; i++)
            {
                clients.Add(await ChainClient.ConnectAsync(gateway));
            }

            using var faucet = KeyFile.Read(faucetKey);
            var status = await clients[0].GetStatusAsync();
            var fee = (await clients[0].GetGenesisAsync()).Parameters.MinFee;
            var senderCount = s.SenderCount;
            var warmPerSender = s.WarmupPerSender;
            var senders = Enumerable.Range(0, senderCount).Select(_ => KeyPair.Generate()).ToArray();
            var funded = checked((ulong)(s.PerSender + warmPerSender) * (1 + fee));

            await AnsiConsole.Progress().AutoClear(false).StartAsync(async progress =>
            {
                var task = progress.AddTask($"fund {senderCount} senders", maxValue: senderCount);
                await new Funding(clients, status.ChainId, fee, n => task.Increment(n)).FundAsync(faucet, [.. senders.Select(k => k.Address)], funded);
            });

            // Sender i sends to sender i+1; nonce-major order so that every block can take from every sender. The
            // warm-up takes each sender's first nonces, the timed run the ones after.
            var warmup = Sign(senders, status.ChainId, fee, warmPerSender * senderCount, firstNonce: 0);
            var signed = Sign(senders, status.ChainId, fee, s.Transactions, firstNonce: (ulong)warmPerSender);
            if (await WarmUpAsync(clients, warmup, s.Batch) is { } warmupProblem)
            {
                return BenchReport.Failed(warmupProblem);
            }

            var before = await SumAsync(clients, senders);
            var startHeight = (await clients[0].GetStatusAsync()).Height;

            var (submitted, watcher, cpu) = await NodeSubmission.RunAsync(clients, signed, s.Batch, s.Rate, startHeight, "submit", "final", devnet is null ? null : devnet.ProcessorTime);
            if (watcher.Failed.Count > 0)
            {
                return BenchReport.Failed($"{watcher.Failed.Count} transfers failed, e.g. {watcher.Failed[0].Hash}: {watcher.Failed[0].Status}");
            }

            var after = await SumAsync(clients, senders);
            var expected = before - checked((ulong)s.Transactions * fee);
            if (after != expected)
            {
                return BenchReport.Failed($"the senders hold {after} units after the run; expected {expected} ({before} less {s.Transactions} fees of {fee})");
            }

            var verifyRate = SignatureRate.Measure(signed);
            Report(s, gateway, fee, signed, submitted, watcher, startHeight, verifyRate, cpu, json);
            foreach (var key in senders)
            {
                key.Dispose();
            }

            return 0;
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Makes the warm-up transfers final in <see cref="WarmupRounds"/> rounds, each waiting for the last, so the node
    /// produces many blocks: code that runs once per block (execution, the tree update, roots) is promoted by the
    /// JIT only after tens of calls, which a few large blocks would not give it.
    /// </summary>
    private static async Task<string?> WarmUpAsync(List<ChainClient> clients, SignedTransaction[] warmup, int batch)
    {
        if (warmup.Length == 0)
        {
            return null;
        }

        var perRound = (warmup.Length + WarmupRounds - 1) / WarmupRounds;
        string? problem = null;
        await AnsiConsole.Progress().AutoClear(false).StartAsync(async progress =>
        {
            var task = progress.AddTask($"warm-up ({WarmupRounds} rounds)", maxValue: warmup.Length);
            for (var first = 0; first < warmup.Length && problem is null; first += perRound)
            {
                var round = warmup[first..Math.Min(warmup.Length, first + perRound)];
                var height = (await clients[0].GetStatusAsync()).Height;
                var (_, watcher) = await NodeSubmission.RunQuietAsync(clients, round, batch, 0, height, _ => { }, n => task.Increment(n));
                if (watcher.Failed.Count > 0)
                {
                    problem = $"{watcher.Failed.Count} warm-up transfers failed, e.g. {watcher.Failed[0].Hash}: {watcher.Failed[0].Status}";
                }
            }
        });
        return problem;
    }

    private static SignedTransaction[] Sign(KeyPair[] senders, string chainId, ulong fee, int count, ulong firstNonce)
    {
        var signed = new SignedTransaction[count];
        Parallel.For(0, count, j =>
        {
            var (sender, nonce) = (j % senders.Length, firstNonce + (ulong)(j / senders.Length));
            var to = senders[(sender + 1) % senders.Length].Address;
            signed[j] = new Transaction(chainId, nonce, senders[sender].PublicKey, fee, new Transfer(to, 1)).Sign(senders[sender]);
        });
        return signed;
    }

    private static async Task<ulong> SumAsync(List<ChainClient> clients, KeyPair[] keys)
    {
        var balances = await Task.WhenAll(keys.Select((k, i) => clients[i % clients.Count].GetBalanceAsync(k.Address)));
        return balances.Aggregate(0UL, (sum, b) => checked(sum + b.Balance));
    }

    private static void Report(
        Settings s, string gateway, ulong fee, SignedTransaction[] signed, double[] submitted, FinalityWatcher watcher, ulong startHeight, double verifyRate, CpuUse cpu, FileInfo? json)
    {
        var latencies = signed.Select((t, i) => (watcher.Final[t.Hash].SeenSeconds - submitted[i]) * 1000).ToList();
        var summary = LatencySummary.Of(latencies);
        var window = watcher.Final.Values.Max(f => f.SeenSeconds) - submitted.Min();
        var tps = s.Transactions / window;
        var table = new Table().Title($"node: {s.Transactions:N0} transfers, {s.Validators} validator(s), {s.Connections} connection(s)").AddColumn("measure").AddColumn(new TableColumn("value").RightAligned());
        table.AddRow("offered load, transfers/s", s.Rate > 0 ? BenchReport.Rate(s.Rate) : "as fast as accepted");
        table.AddRow("finalized transfers/s (first submit to last final)", BenchReport.Rate(tps));
        table.AddRow("submit to final: median / p90 / p99 / max ms", $"{BenchReport.Ms(summary.MedianMs)} / {BenchReport.Ms(summary.P90Ms)} / {BenchReport.Ms(summary.P99Ms)} / {BenchReport.Ms(summary.MaxMs)}");
        table.AddRow("blocks holding them", $"{watcher.Blocks} (heights {startHeight + 1}..{watcher.LastHeight})");
        table.AddRow($"raw Ed25519 verifications/s ({Environment.ProcessorCount} cores)", BenchReport.Rate(verifyRate));
        table.AddRow("finalized TPS / raw verify rate", $"{tps / verifyRate:0.000}");
        // Core time per transfer: what the ratio is made of. One verification costs cores / rate of one core's time.
        var verifyUs = Environment.ProcessorCount * 1e6 / verifyRate;
        var nodeUs = cpu.Node is { } node ? node.TotalMicroseconds / s.Transactions : (double?)null;
        var generatorUs = cpu.LoadGenerator.TotalMicroseconds / s.Transactions;
        table.AddRow(
            "CPU µs per transfer: node / load generator (one verification)",
            $"{(nodeUs is { } n ? n.ToString("0.0", CultureInfo.InvariantCulture) : "not measured")} / {generatorUs:0.0} ({verifyUs:0.0})");
        var result = new JsonObject
        {
            ["benchmark"] = "node",
            ["machine"] = BenchReport.Machine(),
            ["gateway"] = s.Gateway is null ? "devnet started by the tool" : gateway,
            ["validators"] = s.Validators,
            ["transactions"] = s.Transactions,
            ["warmupTransfers"] = s.WarmupPerSender * s.SenderCount,
            ["connections"] = s.Connections,
            ["batch"] = s.Batch,
            ["senders"] = s.SenderCount,
            ["blockIntervalMs"] = s.BlockIntervalMs,
            ["offeredRate"] = s.Rate,
            ["fee"] = fee,
            ["seconds"] = BenchReport.Round(window, 3),
            ["finalizedTps"] = BenchReport.Round(tps),
            ["latencyMs"] = new JsonObject
            {
                ["median"] = BenchReport.Round(summary.MedianMs),
                ["p90"] = BenchReport.Round(summary.P90Ms),
                ["p99"] = BenchReport.Round(summary.P99Ms),
                ["max"] = BenchReport.Round(summary.MaxMs),
                ["min"] = BenchReport.Round(summary.MinMs),
                ["mean"] = BenchReport.Round(summary.MeanMs),
            },
            ["blocks"] = watcher.Blocks,
            ["firstHeight"] = startHeight + 1,
            ["lastHeight"] = watcher.LastHeight,
            ["rawVerifyPerSecond"] = BenchReport.Round(verifyRate),
            ["tpsOverVerifyRate"] = BenchReport.Round(tps / verifyRate, 4),
            ["cpuMicrosecondsPerTransfer"] = new JsonObject
            {
                ["node"] = nodeUs is { } nodeCpu ? BenchReport.Round(nodeCpu, 1) : null,
                ["loadGenerator"] = BenchReport.Round(generatorUs, 1),
                ["oneVerification"] = BenchReport.Round(verifyUs, 1),
            },
            ["checked"] = "every transfer final with a success receipt; the senders' balances sum to their funding less the fees",
        };
        BenchReport.Write(result, json, table);
    }

    private sealed record Settings(int Validators, int Transactions, int Connections, int Batch, int PerSender, int BlockIntervalMs, string? Gateway, string FaucetKey, int Rate, int Warmup)
    {
        public int SenderCount => (Transactions + PerSender - 1) / PerSender;

        /// <summary>Warm-up transfers per sender: the warm-up rounded up to a whole number per sender.</summary>
        public int WarmupPerSender => (Warmup + SenderCount - 1) / SenderCount;

        public string? Problem() =>
            Validators is < 1 or > 64 ? "--validators must be 1..64"
            : Transactions < 1 ? "--transactions must be at least 1"
            : Connections < 1 ? "--connections must be at least 1"
            : Batch < 1 ? "--batch must be at least 1"
            : PerSender is < 1 or > Funding.PerRound ? $"--per-sender must be 1..{Funding.PerRound}"
            : Rate < 0 ? "--rate must be 0 (unpaced) or a positive number of transfers/s"
            : Warmup < 0 ? "--warmup must be 0 (none) or a positive number of transfers"
            : WarmupPerSender > Funding.PerRound ? $"--warmup must be at most {SenderCount * Funding.PerRound} with {SenderCount} senders (a sender may queue {Funding.PerRound} ahead); lower it or raise --transactions"
            : null;
    }
}
