using System.Text.Json;

namespace Chain.Tests.EndToEnd;

/// <summary>
/// A devnet of 4 shards as a user meets it: `chain transfer --wait` between accounts on different shards returns once the
/// value has landed, with both legs (debit on the source shard, credit on the destination at a later height) final and shown,
/// `chain tx` shows the same legs, balances add up, and `chain shards` lists every shard with empty queues afterwards.
/// </summary>
public sealed class ShardedDevnetTests() : TempDataDirectory("chain-e2e-shards")
{
    private const ushort Shards = 4;

    [Fact]
    public async Task Value_moves_between_accounts_on_different_shards_through_the_CLI_with_both_legs_final()
    {
        await using var silo = await SiloProcess.StartAsync(DataDir, extraArgs: ["--shards", $"{Shards}"]);
        var cli = new ChainCli(silo.Gateway);
        var faucet = Path.Combine(DataDir, "keys", "faucet.json");
        var faucetShard = await ShardOfAsync(cli, (await cli.JsonAsync("keys", "show", faucet)).GetProperty("address").GetString()!);
        var (alice, aliceKey, aliceShard) = await NewKeyAsync(cli, "alice", shard => shard != faucetShard);
        var (bob, _, bobShard) = await NewKeyAsync(cli, "bob", shard => shard != aliceShard && shard != faucetShard);

        var funded = await cli.JsonAsync("transfer", "--key", faucet, "--to", alice, "--amount", "5000", "--wait");
        AssertSettledAcross(funded, faucetShard, aliceShard, 5000);

        var moved = await cli.JsonAsync("transfer", "--key", aliceKey, "--to", bob, "--amount", "1200", "--wait");
        AssertSettledAcross(moved, aliceShard, bobShard, 1200);
        Assert.Equal(5000UL - 1200 - 1, (await cli.JsonAsync("balance", alice)).GetProperty("balance").GetUInt64());
        Assert.Equal(1200UL, (await cli.JsonAsync("balance", bob)).GetProperty("balance").GetUInt64());

        var shown = await cli.JsonAsync("tx", moved.GetProperty("hash").GetString()!);
        Assert.Equal(
            moved.GetProperty("crossShard").GetRawText(),
            shown.GetProperty("crossShard").GetRawText());

        var shards = (await cli.JsonAsync("shards")).GetProperty("shards");
        Assert.Equal(Shards, shards.GetArrayLength());
        Assert.All(shards.EnumerateArray(), s => Assert.Equal(0, s.GetProperty("inboundReceipts").GetInt32()));

        // Every shard's lane answered, from the one silo there is (shards 1..3 are lane grains, shard 0's is the ledger's).
        Assert.Single(shards.EnumerateArray().Select(s => s.GetProperty("silo").GetString() ?? "(no answer)").Distinct());
        Assert.All(shards.EnumerateArray(), s => Assert.Equal(0, s.GetProperty("pendingTransactions").GetInt32()));
    }

    private static void AssertSettledAcross(JsonElement result, ushort from, ushort to, ulong amount)
    {
        Assert.Equal("success", result.GetProperty("receiptStatus").GetString());
        var crossShard = result.GetProperty("crossShard");
        Assert.True(crossShard.GetProperty("settled").GetBoolean());
        Assert.Equal(from, crossShard.GetProperty("from").GetUInt16());
        Assert.Equal(to, crossShard.GetProperty("to").GetUInt16());
        var legs = crossShard.GetProperty("legs");
        Assert.Equal(["sent", "credited"], legs.EnumerateArray().Select(l => l.GetProperty("kind").GetString()));
        Assert.Equal(result.GetProperty("height").GetUInt64(), legs[0].GetProperty("height").GetUInt64());
        Assert.True(legs[1].GetProperty("height").GetUInt64() > legs[0].GetProperty("height").GetUInt64(), "the credit lands at a later height");
        Assert.All(legs.EnumerateArray(), l => Assert.Equal(amount, l.GetProperty("amount").GetUInt64()));
    }

    /// <summary>A new key file whose account lives on a shard <paramref name="wanted"/> accepts (addresses are random: a few tries).</summary>
    private async Task<(string Address, string KeyFile, ushort Shard)> NewKeyAsync(ChainCli cli, string name, Func<ushort, bool> wanted)
    {
        for (var i = 0; ; i++)
        {
            var path = Path.Combine(DataDir, $"{name}-{i}.json");
            var address = (await cli.JsonAsync("keys", "new", "--out", path)).GetProperty("address").GetString()!;
            var shard = await ShardOfAsync(cli, address);
            if (wanted(shard))
            {
                return (address, path, shard);
            }
        }
    }

    /// <summary>The shard `chain balance` reports (the CLI computes it from the node's genesis).</summary>
    private static async Task<ushort> ShardOfAsync(ChainCli cli, string address)
    {
        var balance = await cli.JsonAsync("balance", address);
        Assert.Equal(Shards, balance.GetProperty("shards").GetUInt16());
        return balance.GetProperty("shard").GetUInt16();
    }
}
