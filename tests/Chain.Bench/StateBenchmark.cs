using System.CommandLine;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Chain.Client;
using Chain.Protocol.Crypto;
using Chain.Protocol.Files;
using Spectre.Console;

namespace Chain.Bench;

/// <summary>
/// <c>state</c>: what N funded accounts cost a node. Starts a devnet, funds N fresh addresses through the faucet
/// with ordinary transfers (no shortcut around the node), then reports the silo's resident memory while running and
/// again after a restart from disk, and the ledger's bytes on disk, each per account. Before reporting, a sample of
/// the accounts must hold exactly the amount sent, and the faucet must have paid exactly amount plus fees.
/// </summary>
internal static class StateBenchmark
{
    private const ulong Amount = 1_000;
    private const int Sample = 1_000;

    public static Command Command(Dictionary<Command, string[]> examples)
    {
        var accounts = new Option<int>("--accounts", "-n") { Description = "Accounts to fund.", DefaultValueFactory = _ => 1_000_000, HelpName = "N" };
        var connections = new Option<int>("--connections", "-c") { Description = "Orleans client connections used for funding.", DefaultValueFactory = _ => 4, HelpName = "C" };
        var interval = new Option<int>("--block-interval-ms") { Description = "The devnet's --block-interval-ms.", DefaultValueFactory = _ => 50, HelpName = "MS" };
        var keep = new Option<bool>("--keep") { Description = "Keep the devnet's data directory (printed) instead of deleting it." };
        var json = BenchCli.JsonOption();
        var command = new Command("state", "Memory (RSS) and disk bytes per funded account on a devnet, funded through ordinary transfers.")
        {
            accounts, connections, interval, keep, json,
        };
        examples[command] =
        [
            $"{BenchCli.Run} state --accounts 10000       # a quick run",
            $"{BenchCli.Run} state --json state.json      # 1,000,000 accounts: several minutes",
        ];
        command.SetAction(async (parse, ct) =>
        {
            var n = parse.GetValue(accounts);
            var c = parse.GetValue(connections);
            if (n < 1 || c < 1)
            {
                return BenchReport.Failed("--accounts and --connections must be at least 1");
            }

            var dataDir = Path.Combine(Path.GetTempPath(), $"chain-bench-state-{Guid.NewGuid():N}");
            try
            {
                return await RunAsync(n, c, parse.GetValue(interval), dataDir, parse.GetValue(json));
            }
            finally
            {
                if (parse.GetValue(keep))
                {
                    AnsiConsole.MarkupLineInterpolated($"[grey]kept {dataDir}[/]");
                }
                else if (Directory.Exists(dataDir))
                {
                    Directory.Delete(dataDir, recursive: true);
                }
            }
        });
        return command;
    }

    private static async Task<int> RunAsync(int n, int connections, int intervalMs, string dataDir, FileInfo? json)
    {
        var devnet = await Devnet.StartAsync(dataDir, 1, intervalMs);
        Measures empty, funded;
        TimeSpan fundingTime;
        try
        {
            var clients = new List<ChainClient>();
            try
            {
                for (var i = 0; i < connections; i++)
                {
                    clients.Add(await ChainClient.ConnectAsync(devnet.Gateway));
                }

                empty = Measure(devnet);
                using var faucet = KeyFile.Read(devnet.FaucetKeyPath);
                var status = await clients[0].GetStatusAsync();
                var fee = (await clients[0].GetGenesisAsync()).Parameters.MinFee;
                var faucetBefore = (await clients[0].GetBalanceAsync(faucet.Address)).Balance;

                // Recipients need no keys: random addresses are as good as derived ones and cost nothing to make.
                var targets = new Address[n];
                for (var i = 0; i < n; i++)
                {
                    targets[i] = new Address(RandomNumberGenerator.GetBytes(Address.Size));
                }

                var clock = Stopwatch.StartNew();
                var faucetTransfers = 0;
                await AnsiConsole.Progress().AutoClear(false).StartAsync(async progress =>
                {
                    var task = progress.AddTask($"fund {n:N0} accounts", maxValue: n);
                    faucetTransfers = await new Funding(clients, status.ChainId, fee, k => task.Increment(k)).FundAsync(faucet, targets, Amount);
                });
                fundingTime = clock.Elapsed;
                if (await CheckAsync(clients, faucet.Address, faucetBefore, targets, fee, faucetTransfers) is { } problem)
                {
                    return BenchReport.Failed(problem);
                }

                funded = Measure(devnet);
            }
            finally
            {
                foreach (var client in clients)
                {
                    await client.DisposeAsync();
                }
            }
        }
        finally
        {
            await devnet.DisposeAsync();
        }

        // A restart resumes from disk: its memory is what holding the state costs, without the funding's garbage.
        var restarted = await Devnet.StartAsync(dataDir, 1, intervalMs);
        Measures resumed;
        try
        {
            await using var client = await ChainClient.ConnectAsync(restarted.Gateway);
            _ = await client.GetStatusAsync();
            await Task.Delay(TimeSpan.FromSeconds(2));
            resumed = Measure(restarted);
        }
        finally
        {
            await restarted.DisposeAsync();
        }

        Report(n, fundingTime, empty, funded, resumed, json);
        return 0;
    }

    private static async Task<string?> CheckAsync(List<ChainClient> clients, Address faucet, ulong faucetBefore, Address[] targets, ulong fee, int faucetTransfers)
    {
        // The faucet paid for every target (amount and fee) and for every distributor's fees, and nothing else.
        var expectedSpend = checked(((ulong)targets.Length * (Amount + fee)) + (faucetTransfers == targets.Length ? 0 : (ulong)faucetTransfers * fee));
        var faucetAfter = (await clients[0].GetBalanceAsync(faucet)).Balance;
        if (faucetBefore - faucetAfter != expectedSpend)
        {
            return $"the faucet spent {faucetBefore - faucetAfter}; expected {expectedSpend}";
        }

        var sample = targets.Length <= Sample ? targets : [.. Enumerable.Range(0, Sample).Select(_ => targets[Random.Shared.Next(targets.Length)])];
        var balances = await Task.WhenAll(sample.Select((a, i) => clients[i % clients.Count].GetBalanceAsync(a)));
        return balances.FirstOrDefault(b => b.Balance != Amount) is { } wrong ? $"{wrong.Address} holds {wrong.Balance}, expected {Amount}" : null;
    }

    private static Measures Measure(Devnet devnet)
    {
        var (rss, peak) = devnet.Memory();
        return new Measures(rss, peak, Devnet.DirectoryBytes(devnet.LedgerPath));
    }

    private static void Report(int n, TimeSpan fundingTime, Measures empty, Measures funded, Measures resumed, FileInfo? json)
    {
        static string Mb(long bytes) => $"{bytes / 1048576.0:N1} MiB";
        static string PerAccount(long bytes, int n) => $"{bytes / (double)n:N1} B";
        var table = new Table().Title($"state: {n:N0} funded accounts (funded in {fundingTime.TotalSeconds:N1} s)")
            .AddColumn("measure").AddColumn(new TableColumn("empty").RightAligned()).AddColumn(new TableColumn("funded").RightAligned()).AddColumn(new TableColumn("per account").RightAligned());
        table.AddRow("silo RSS, running", Mb(empty.Rss), Mb(funded.Rss), PerAccount(funded.Rss - empty.Rss, n));
        table.AddRow("silo peak RSS", Mb(empty.PeakRss), Mb(funded.PeakRss), "");
        table.AddRow("silo RSS after a restart", "", Mb(resumed.Rss), PerAccount(resumed.Rss - empty.Rss, n));
        table.AddRow("ledger on disk", Mb(empty.DiskBytes), Mb(funded.DiskBytes), PerAccount(funded.DiskBytes - empty.DiskBytes, n));
        var result = new JsonObject
        {
            ["benchmark"] = "state",
            ["machine"] = BenchReport.Machine(),
            ["accounts"] = n,
            ["fundingSeconds"] = BenchReport.Round(fundingTime.TotalSeconds, 2),
            ["empty"] = empty.ToJson(),
            ["funded"] = funded.ToJson(),
            ["restarted"] = resumed.ToJson(),
            ["perAccountBytes"] = new JsonObject
            {
                ["rssRunning"] = BenchReport.Round((funded.Rss - empty.Rss) / (double)n),
                ["rssRestarted"] = BenchReport.Round((resumed.Rss - empty.Rss) / (double)n),
                ["disk"] = BenchReport.Round((funded.DiskBytes - empty.DiskBytes) / (double)n),
            },
            ["checked"] = $"the faucet spent exactly amounts plus fees; a sample of {Sample} accounts (all when fewer) holds exactly {Amount}",
        };
        BenchReport.Write(result, json, table);
    }

    private sealed record Measures(long Rss, long PeakRss, long DiskBytes)
    {
        public JsonObject ToJson() => new() { ["rssBytes"] = Rss, ["peakRssBytes"] = PeakRss, ["ledgerBytes"] = DiskBytes };
    }
}
