using System.Text.Json.Nodes;
using Chain.GrainInterfaces;
using Chain.Protocol.Crypto;
using Chain.Protocol.Files;
using Chain.Protocol.Sharding;
using Chain.Tests.EndToEnd;
using Chain.Tests.Grains.Sharding;

namespace Chain.Tests.Integration.Sharding;

/// <summary>
/// A four-shard genesis on the three-silo PostgreSQL cluster of <see cref="ThreeSiloClusterTests"/> (validators A: 0 and 1,
/// B: 2, C: 3; C starts first, so it normally holds the ledger grain, which holds every shard). Cross-shard transfers run from
/// the faucet to one recipient on each other shard; C is killed with SIGKILL right after a batch is admitted. Afterwards every
/// transfer ever reported final is still final at the same height with its legs settled, no block applies a receipt twice,
/// and the faucet and recipients together hold what the faucet started with, less the fees.
/// </summary>
public sealed class ShardedClusterTests(PostgresFixture postgres) : IAsyncDisposable
{
    private const ushort Shards = 4;
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"chain-sharded-{Guid.NewGuid():N}");
    private readonly List<SiloProcess> _silos = [];

    [Fact]
    public async Task A_silo_killed_during_cross_shard_transfers_loses_no_final_transfer_and_applies_no_receipt_twice()
    {
        var connectionString = await postgres.CreateDatabaseAsync("sharded");
        var net = Path.Combine(_root, "net");
        var init = await ProcessRun.RunAsync(RepoPaths.SiloDll, ["devnet", "init", "--data-dir", net, "--validators", "4"], TimeSpan.FromSeconds(60));
        Assert.True(init.ExitCode == 0, init.ToString());
        var genesisPath = Path.Combine(net, "genesis.json");
        var genesisJson = JsonNode.Parse(await File.ReadAllTextAsync(genesisPath, TestContext.Current.CancellationToken))!;
        genesisJson["parameters"]!["shardCount"] = Shards;
        await File.WriteAllTextAsync(genesisPath, genesisJson.ToJsonString(), TestContext.Current.CancellationToken);
        var genesis = GenesisFile.Read(genesisPath);
        Assert.Equal(Shards, genesis.Parameters.ShardCount);
        string[] Args(params int[] keys) =>
        [
            "--storage", "postgres", "--postgres", connectionString, "--advertised-ip", "127.0.0.1",
            "--genesis", genesisPath, "--probe-timeout-seconds", "2",
            .. keys.SelectMany(k => new[] { "--validator-key", Path.Combine(net, "keys", $"validator-{k}.json") }),
        ];

        var c = await Start("c", Args(3));
        Assert.Contains("genesis applied", c.Output, StringComparison.Ordinal);
        var started = await Task.WhenAll(Start("a", Args(0, 1)), Start("b", Args(2)));
        var (a, b) = (started[0], started[1]);
        await using var node = await LedgerConnection.ConnectAsync(a.GatewayPort, b.GatewayPort);
        Assert.Equal(Shards, (await node.Ledger.GetShardsAsync()).Length);

        using var faucet = KeyFile.Read(Path.Combine(net, "keys", "faucet.json"));
        var faucetShard = ShardMap.ShardOf(faucet.Address, Shards);
        var recipients = Enumerable.Range(0, Shards).Where(s => s != faucetShard).Select(s => Key.On(s)).ToArray();
        var start = await node.Ledger.GetAccountAsync(faucet.Address.ToArray(), prove: false);
        var transfers = new FaucetTransfers(node, genesis.ChainId, faucet, start.Nonce);

        var first = transfers.Sign(recipients, each: 2);
        await transfers.SubmitAsync(first);
        await transfers.FinalAsync(first);

        // Shards 1..3's lanes (admission and mempool) go one per silo: lane k to the k-th silo in address order. Those placed
        // before every silo had joined move at a later block, so wait for the spread.
        var lanes = await LaneSilosAsync(node, silos => silos.Skip(1).Distinct().Count() == 3);

        // Normally the ledger grain is on C (first to start); a duplicate activation resolved during the joins can leave it on A.
        var ledgerOnC = c.Output.Contains(" final in round ", StringComparison.Ordinal);
        var (aBefore, bBefore) = (a.Output.Length, b.Output.Length);
        var during = transfers.Sign(recipients, each: 2);
        await transfers.SubmitAsync(during);

        // Killed as soon as the debits are seen final: blocks come 100 ms apart, so their credits are most likely still in flight.
        await transfers.FinalAsync(during, pollMs: 5);
        var heightAtKill = (await node.Ledger.GetStatusAsync()).Height;
        await c.KillHard();
        var after = transfers.Sign(recipients, each: 2);
        await transfers.FinalAsync(after);
        if (ledgerOnC)
        {
            Assert.Contains("Shard 0: resumed at height", a.Output[aBefore..] + b.Output[bBefore..], StringComparison.Ordinal);
        }

        List<Protocol.Transactions.SignedTransaction> all = [.. first, .. during, .. after];
        var settled = await transfers.SettledAsync(all);
        Assert.Equal(all.Count, transfers.ReportedFinal.Count);
        ulong credited = 0;
        var received = new Dictionary<Address, ulong>();
        for (var i = 0; i < all.Count; i++)
        {
            Assert.Equal(transfers.ReportedFinal[all[i].Hash], settled[i].Height);
            var transfer = (Protocol.Transactions.Transfer)all[i].Body.Payload;
            var legs = settled[i].Legs!.Select(l => (l.Kind, Receipt: ShardReceipt.Decode(l.Receipt))).ToArray();
            var sent = legs[0].Receipt;
            Assert.Equal((CrossShardLegKind.Sent, settled[i].Height), (legs[0].Kind, settled[i].Legs![0].Height));
            Assert.Equal((all[i].Hash, faucet.Address, transfer.To, transfer.Amount), (sent.Origin, sent.From, sent.To, sent.Amount));
            var kinds = legs.Select(l => l.Kind).ToArray();
            if (kinds.SequenceEqual([CrossShardLegKind.Sent, CrossShardLegKind.Credited]))
            {
                credited += transfer.Amount;
                received[transfer.To] = received.GetValueOrDefault(transfer.To) + transfer.Amount;
            }
            else
            {
                Assert.Equal([CrossShardLegKind.Sent, CrossShardLegKind.Bounced, CrossShardLegKind.Refunded], kinds);
            }
        }

        // How many receipts were (most likely) in flight at the kill: final before it, applied above the height read just before it.
        var settledAfterKill = settled.Take(first.Count + during.Count).Count(r => r.Legs![^1].Height > heightAtKill);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"ledger on C: {ledgerOnC}; killed at height {heightAtKill}; {settledAfterKill} transfers final before the kill settled after it; {transfers.Resubmitted} sent by the retry loop (the batch after the kill, and any the dead silo lost)");
        Assert.Empty(await CrossShardAudit.ExactlyOnceAsync(node.Ledger));
        Assert.Equal(0, (await node.Ledger.GetShardsAsync()).Sum(s => s.InboundReceipts));

        // The lane that was on C is now on one of the two silos left, and every lane answers.
        var lanesAfter = await LaneSilosAsync(node, silos => silos.Skip(1).Distinct().Count() == 2);
        Assert.DoesNotContain(lanesAfter, s => !lanes.Contains(s));
        foreach (var r in recipients)
        {
            Assert.Equal(received.GetValueOrDefault(r), (await node.Ledger.GetAccountAsync(r.ToArray(), prove: false)).Balance);
        }

        var faucetAfter = (await node.Ledger.GetAccountAsync(faucet.Address.ToArray(), prove: false)).Balance;
        Assert.Equal(start.Balance, faucetAfter + credited + (FaucetTransfers.Fee * (ulong)all.Count));
    }

    /// <summary>The silo of each shard's lane (index = shard), once <paramref name="spread"/> holds; fails after 30 s.</summary>
    private static async Task<string[]> LaneSilosAsync(LedgerConnection node, Func<string[], bool> spread)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var silos = (await node.Ledger.GetShardsAsync()).Select(s => s.Silo ?? "(no answer)").ToArray();
            if (!silos.Contains("(no answer)") && spread(silos))
            {
                return silos;
            }

            if (deadline.IsCancellationRequested)
            {
                Assert.Fail($"the lanes did not spread as expected: {string.Join(", ", silos)}");
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    public ValueTask DisposeAsync() => ClusterTeardown.RunAsync(_silos, _root, "chain-sharded-logs");

    private async Task<SiloProcess> Start(string name, string[] args)
    {
        var silo = await SiloProcess.StartAsync(Path.Combine(_root, name), null, null, args);
        _silos.Add(silo);
        return silo;
    }

    private static class Key
    {
        /// <summary>A fresh address on <paramref name="shard"/> (only the address: nothing is sent from it).</summary>
        public static Address On(int shard)
        {
            while (true)
            {
                using var key = KeyPair.Generate();
                if (ShardMap.ShardOf(key.Address, Shards) == shard)
                {
                    return key.Address;
                }
            }
        }
    }
}
