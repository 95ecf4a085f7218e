using System.Net;
using System.Net.Sockets;
using Chain.Tests.EndToEnd;

namespace Chain.Tests.Integration;

/// <summary>
/// Three silo processes on localhost sharing PostgreSQL (ADO.NET membership, Marten event store), four
/// validators laid out A: 0 and 1, B: 2, C: 3, so losing C leaves 3/4 of the stake. C starts first, so the
/// ledger (shard) grain lives there; C is killed with SIGKILL while transfers run. The survivors must
/// re-activate the shard (catching their replicas up from PostgreSQL) and keep finalizing; every transfer
/// reported final must still be final afterwards; C must rejoin.
/// </summary>
public sealed class ThreeSiloClusterTests(PostgresFixture postgres) : IAsyncDisposable
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(150);
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"chain-3silo-{Guid.NewGuid():N}");
    private readonly List<SiloProcess> _silos = [];

    [Fact]
    public async Task A_silo_killed_with_SIGKILL_leaves_the_cluster_finalizing_and_rejoins()
    {
        var connectionString = await postgres.CreateDatabaseAsync("cluster");
        var net = Path.Combine(_root, "net");
        var init = await ProcessRun.RunAsync(RepoPaths.SiloDll, ["devnet", "init", "--data-dir", net, "--validators", "4"], TimeSpan.FromSeconds(60));
        Assert.True(init.ExitCode == 0, init.ToString());
        var faucet = Path.Combine(net, "keys", "faucet.json");
        string[] Args(params int[] keys) =>
        [
            "--storage", "postgres", "--postgres", connectionString, "--advertised-ip", "127.0.0.1",
            "--genesis", Path.Combine(net, "genesis.json"), "--probe-timeout-seconds", "2",
            .. keys.SelectMany(k => new[] { "--validator-key", Path.Combine(net, "keys", $"validator-{k}.json") }),
        ];

        var (cGateway, cSilo) = (FreePort(), FreePort());
        var c = await Start(Path.Combine(_root, "c"), cGateway, cSilo, Args(3));
        Assert.Contains("genesis applied", c.Output, StringComparison.Ordinal);
        var started = await Task.WhenAll(Start(Path.Combine(_root, "a"), null, null, Args(0, 1)), Start(Path.Combine(_root, "b"), null, null, Args(2)));
        var (a, b) = (started[0], started[1]);
        var cli = new ChainCli(a.Gateway);
        var recipient = (await cli.JsonAsync("keys", "new", "--out", Path.Combine(_root, "r.json"))).GetProperty("address").GetString()!;

        var final = new List<string>();
        var attempts = 0;
        for (var i = 0; i < 3; i++)
        {
            final.Add(await TransferUntilFinal(cli, faucet, recipient, () => attempts++));
        }

        // Normally the ledger grain is on C (first to start); a duplicate activation resolved during the joins can leave it on A.
        var ledgerOnC = c.Output.Contains(" final in round ", StringComparison.Ordinal);
        var (aBefore, bBefore) = (a.Output.Length, b.Output.Length);
        await c.KillHard();
        for (var i = 0; i < 3; i++)
        {
            final.Add(await TransferUntilFinal(cli, faucet, recipient, () => attempts++));
        }

        if (ledgerOnC)
        {
            // The ledger grain came back on a survivor, from PostgreSQL.
            Assert.Contains("Shard 0: resumed at height", a.Output[aBefore..] + b.Output[bBefore..], StringComparison.Ordinal);
        }

        var heightAfterKill = (await cli.JsonAsync("status")).GetProperty("height").GetUInt64();

        var rejoined = await Start(Path.Combine(_root, "c"), cGateway, cSilo, Args(3));
        Assert.Contains("Resumed the devnet.", rejoined.Output, StringComparison.Ordinal);
        var viaC = new ChainCli(rejoined.Gateway);
        Assert.True((await viaC.JsonAsync("status")).GetProperty("height").GetUInt64() >= heightAfterKill);
        final.Add(await TransferUntilFinal(viaC, faucet, recipient, () => attempts++));

        // No finalized transaction is lost: each one is final, read through the silo that was killed.
        foreach (var hash in final)
        {
            Assert.Equal("final", (await viaC.JsonAsync("tx", hash)).GetProperty("status").GetString());
        }

        var balance = (await viaC.JsonAsync("balance", recipient)).GetProperty("balance").GetUInt64();
        Assert.InRange(balance, (ulong)final.Count, (ulong)attempts);
    }

    public ValueTask DisposeAsync() => ClusterTeardown.RunAsync(_silos, _root, "chain-3silo-logs");

    private async Task<SiloProcess> Start(string dataDir, int? gatewayPort, int? siloPort, string[] args)
    {
        var silo = await SiloProcess.StartAsync(dataDir, gatewayPort, siloPort, args);
        _silos.Add(silo);
        return silo;
    }

    /// <summary>Sends 1 unit and waits for finality; while the cluster recovers a send may fail, and is sent again.</summary>
    private static async Task<string> TransferUntilFinal(ChainCli cli, string faucet, string recipient, Action attempted)
    {
        var deadline = DateTime.UtcNow + Generous;
        while (true)
        {
            attempted();
            var run = await cli.RunAsync("transfer", "--key", faucet, "--to", recipient, "--amount", "1", "--wait");
            if (run.ExitCode == 0)
            {
                var json = System.Text.Json.JsonDocument.Parse(run.Stdout).RootElement;
                Assert.Equal("final", json.GetProperty("status").GetString());
                return json.GetProperty("hash").GetString()!;
            }

            Assert.True(DateTime.UtcNow < deadline, $"no transfer became final within {Generous}: {run}");
            await Task.Delay(TimeSpan.FromMilliseconds(500), TestContext.Current.CancellationToken);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
