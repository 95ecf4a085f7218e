using System.CommandLine;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace Chain.Bench;

/// <summary>
/// <c>contracts</c>: WebAssembly contract costs. In process: compile time of each example module (cold on a fresh
/// engine, and from the module cache) and the cost of a cached token call (µs and exact gas). On a devnet: token
/// transfers per second through the contract, finalized. Each part checks its answer before it reports.
/// </summary>
internal static class ContractBenchmark
{
    public static Command Command()
    {
        var transfers = new Option<int>("--transfers", "-n") { Description = "Token transfers to submit and time on the devnet (0: skip the devnet).", DefaultValueFactory = _ => 2000, HelpName = "N" };
        var calls = new Option<int>("--calls") { Description = "Cached calls to time in process.", DefaultValueFactory = _ => 2000, HelpName = "N" };
        var connections = new Option<int>("--connections", "-c") { Description = "Orleans client connections submitting side by side.", DefaultValueFactory = _ => 2, HelpName = "C" };
        var batch = new Option<int>("--batch") { Description = "Transfers per SubmitBatch call.", DefaultValueFactory = _ => 250, HelpName = "N" };
        var perSender = new Option<int>("--per-sender") { Description = $"Transfers per sender (1..{Funding.PerRound}).", DefaultValueFactory = _ => 50, HelpName = "N" };
        var interval = new Option<int>("--block-interval-ms") { Description = "The devnet's --block-interval-ms.", DefaultValueFactory = _ => 100, HelpName = "MS" };
        var gas = new Option<ulong>("--gas") { Description = "Gas limit of each token transfer (the fee covers it; unused gas is refunded).", DefaultValueFactory = _ => 200_000, HelpName = "N" };
        var json = BenchCli.JsonOption();
        var command = new Command("contracts", "WebAssembly contracts: module compile time (cold, cached), a cached token call (µs, gas), token transfers/s on a devnet.")
        {
            transfers, calls, connections, batch, perSender, interval, gas, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var (n, p, c) = (parse.GetValue(transfers), parse.GetValue(perSender), parse.GetValue(connections));
            if (n < 0 || parse.GetValue(calls) < 1 || c < 1 || parse.GetValue(batch) < 1 || p is < 1 or > Funding.PerRound)
            {
                return BenchReport.Failed($"--transfers ≥ 0, --calls ≥ 1, --connections ≥ 1, --batch ≥ 1 and --per-sender 1..{Funding.PerRound}");
            }

            List<ContractHostTiming.Compile> compile = [];
            ContractHostTiming.Calls cached = null!;
            try
            {
                AnsiConsole.MarkupLine("[grey]compiling the example modules and timing cached calls in process[/]");
                compile = ContractHostTiming.MeasureCompile(repetitions: 3);
                cached = ContractHostTiming.MeasureCalls(parse.GetValue(calls));
            }
            catch (InvalidOperationException e)
            {
                return BenchReport.Failed(e.Message);
            }

            ContractDevnetRun.Result? devnet = null;
            if (n > 0)
            {
                var dataDir = Path.Combine(Path.GetTempPath(), $"chain-bench-contracts-{Guid.NewGuid():N}");
                AnsiConsole.MarkupLineInterpolated($"[grey]starting a devnet: 1 validator, block interval {parse.GetValue(interval)} ms, data in {dataDir}[/]");
                await using (var net = await Devnet.StartAsync(dataDir, 1, parse.GetValue(interval)))
                {
                    var clients = new List<Chain.Client.ChainClient>();
                    try
                    {
                        for (var i = 0; i < c; i++)
                        {
                            clients.Add(await Chain.Client.ChainClient.ConnectAsync(net.Gateway, ct));
                        }

                        var status = await clients[0].GetStatusAsync();
                        var minFee = (await clients[0].GetGenesisAsync()).Parameters.MinFee;
                        devnet = await new ContractDevnetRun(clients, status.ChainId, minFee, parse.GetValue(gas)).RunAsync(net.FaucetKeyPath, n, p, parse.GetValue(batch));
                    }
                    catch (Exception e) when (e is InvalidOperationException or TimeoutException)
                    {
                        return BenchReport.Failed(e.Message);
                    }
                    finally
                    {
                        foreach (var client in clients)
                        {
                            await client.DisposeAsync();
                        }
                    }
                }

                Directory.Delete(dataDir, recursive: true);
            }

            Report(compile, cached, devnet, c, parse.GetValue(json));
            return 0;
        });
        return command;
    }

    private static void Report(List<ContractHostTiming.Compile> compile, ContractHostTiming.Calls cached, ContractDevnetRun.Result? devnet, int connections, FileInfo? json)
    {
        var table = new Table().Title("contracts").AddColumn("measure").AddColumn(new TableColumn("value").RightAligned());
        foreach (var m in compile)
        {
            table.AddRow($"compile {m.Module}.wasm ({m.Bytes:N0} B): cold ms / cached µs", $"{BenchReport.Ms(m.ColdMs)} / {m.CachedUs:0.0}");
        }

        table.AddRow($"token transfer, cached module: µs/call (gas)", $"{cached.TransferUs:0.0} ({cached.TransferGas:N0})");
        table.AddRow($"token balance_of query: µs/call (gas)", $"{cached.QueryUs:0.0} ({cached.QueryGas:N0})");
        if (devnet is not null)
        {
            table.AddRow($"devnet: finalized token transfers/s ({devnet.Transfers:N0} from {devnet.Senders} senders, {connections} connection(s))", BenchReport.Rate(devnet.FinalizedTps));
            table.AddRow("blocks holding them", $"{devnet.Blocks} (heights {devnet.FirstHeight}..{devnet.LastHeight})");
            table.AddRow("gas per token transfer on the devnet", $"{devnet.MeanGas:N0}");
        }

        var result = new JsonObject
        {
            ["benchmark"] = "contracts",
            ["machine"] = BenchReport.Machine(),
            ["compile"] = new JsonArray([.. compile.Select(m => (JsonNode)new JsonObject
            {
                ["module"] = m.Module,
                ["bytes"] = m.Bytes,
                ["coldMs"] = BenchReport.Round(m.ColdMs, 2),
                ["cachedUs"] = BenchReport.Round(m.CachedUs, 2),
            })]),
            ["cachedCall"] = new JsonObject
            {
                ["calls"] = cached.Count,
                ["transferUs"] = BenchReport.Round(cached.TransferUs, 2),
                ["transferGas"] = cached.TransferGas,
                ["queryUs"] = BenchReport.Round(cached.QueryUs, 2),
                ["queryGas"] = cached.QueryGas,
            },
            ["devnet"] = devnet is null ? null : new JsonObject
            {
                ["transfers"] = devnet.Transfers,
                ["senders"] = devnet.Senders,
                ["connections"] = connections,
                ["seconds"] = BenchReport.Round(devnet.Seconds, 3),
                ["finalizedTps"] = BenchReport.Round(devnet.FinalizedTps),
                ["blocks"] = devnet.Blocks,
                ["gasPerTransfer"] = devnet.MeanGas,
            },
            ["checked"] = "every module validates; cached transfers succeed with identical gas and the recipient's balance equals the count; every devnet transfer final with a success receipt and the senders' token balances sum to what they were given",
        };
        BenchReport.Write(result, json, table);
    }
}
