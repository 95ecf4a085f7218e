using System.Text.Json;

namespace Chain.Tests.EndToEnd;

/// <summary>
/// The devnet as a user meets it: the real silo process on RocksDB, driven by the real CLI, killed
/// with SIGKILL and restarted.
/// </summary>
public sealed class DevnetTests() : TempDataDirectory("chain-e2e")
{
    private string Genesis => Path.Combine(DataDir, "genesis.json");

    private string Faucet => Path.Combine(DataDir, "keys", "faucet.json");

    [Fact]
    public async Task A_CLI_transfer_is_final_proven_refuses_bad_input_and_survives_SIGKILL_and_restart()
    {
        await using var silo = await SiloProcess.StartAsync(DataDir);
        Assert.Contains(Genesis, silo.Output, StringComparison.Ordinal);
        Assert.Contains(Faucet, silo.Output, StringComparison.Ordinal);
        var cli = new ChainCli(silo.Gateway);

        // A transfer from the faucet to a new key is final, and the balance proof verifies on the client.
        var aliceKey = Path.Combine(DataDir, "alice.json");
        var alice = (await cli.JsonAsync("keys", "new", "--out", aliceKey)).GetProperty("address").GetString()!;
        var sent = await cli.JsonAsync("transfer", "--key", Faucet, "--to", alice, "--amount", "1000", "--wait");
        Assert.Equal("final", sent.GetProperty("status").GetString());
        Assert.True(sent.GetProperty("inclusionVerified").GetBoolean());

        var balance = await cli.JsonAsync("balance", alice, "--prove", "--genesis", Genesis);
        Assert.Equal(1000UL, balance.GetProperty("balance").GetUInt64());
        Assert.True(balance.GetProperty("proof").GetProperty("verified").GetBoolean());
        Assert.Equal("included", balance.GetProperty("proof").GetProperty("result").GetString());

        // Every bad input gets its typed error and changes nothing.
        var statusBefore = await cli.JsonAsync("status");
        var faucetBefore = await cli.JsonAsync("balance", FaucetAddress());
        var bobKey = Path.Combine(DataDir, "bob.json");
        var bob = (await cli.JsonAsync("keys", "new", "--out", bobKey)).GetProperty("address").GetString()!;
        var offline = await cli.JsonAsync("transfer", "--key", aliceKey, "--to", bob, "--amount", "1", "--nonce", "0", "--chain-id", "chain-devnet", "--offline");
        var raw = offline.GetProperty("raw").GetString()!;
        var tampered = raw[..^2] + (raw[^2..] == "00" ? "01" : "00");
        var oversized = Path.Combine(DataDir, "oversized.hex");
        await File.WriteAllTextAsync(oversized, new string('0', 2 * ((640 * 1024) + 16)), TestContext.Current.CancellationToken);

        Assert.Equal("malformed", await cli.RefusedAsync("tx", "send-raw", "deadbeef"));
        Assert.Equal("invalid-signature", await cli.RefusedAsync("tx", "send-raw", tampered));
        Assert.Equal("too-large", await cli.RefusedAsync("tx", "send-raw", "@" + oversized));
        Assert.Equal("wrong-chain-id", await cli.RefusedAsync("transfer", "--key", Faucet, "--to", bob, "--amount", "5", "--chain-id", "other-chain"));
        Assert.Equal("nonce-too-low", await cli.RefusedAsync("transfer", "--key", Faucet, "--to", bob, "--amount", "5", "--nonce", "0"));
        Assert.Equal("nonce-too-high", await cli.RefusedAsync("transfer", "--key", Faucet, "--to", bob, "--amount", "5", "--nonce", "5000"));
        Assert.Equal("insufficient-balance", await cli.RefusedAsync("transfer", "--key", bobKey, "--to", alice, "--amount", "5"));
        Assert.Equal("amount-overflow", await cli.RefusedAsync("transfer", "--key", Faucet, "--to", bob, "--amount", ulong.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal(faucetBefore.GetProperty("balance").GetUInt64(), (await cli.JsonAsync("balance", FaucetAddress())).GetProperty("balance").GetUInt64());
        Assert.Equal(faucetBefore.GetProperty("nonce").GetUInt64(), (await cli.JsonAsync("balance", FaucetAddress())).GetProperty("nonce").GetUInt64());
        Assert.Equal(0UL, (await cli.JsonAsync("balance", bob)).GetProperty("balance").GetUInt64());
        Assert.Equal(1000UL, (await cli.JsonAsync("balance", alice)).GetProperty("balance").GetUInt64());
        Assert.Equal(statusBefore.GetProperty("chainId").GetString(), (await cli.JsonAsync("status")).GetProperty("chainId").GetString());

        // Kill -9 right after a burst of submissions, while blocks are being sealed.
        for (var i = 0; i < 5; i++)
        {
            await cli.JsonAsync("transfer", "--key", Faucet, "--to", bob, "--amount", "10");
        }

        var last = await cli.JsonAsync("transfer", "--key", Faucet, "--to", bob, "--amount", "10", "--wait");
        var lastHeight = last.GetProperty("height").GetUInt64();
        var beforeKill = await cli.JsonAsync("status");
        var bobBefore = (await cli.JsonAsync("balance", bob)).GetProperty("balance").GetUInt64();
        await silo.KillHard();

        await using var restarted = await SiloProcess.StartAsync(DataDir);
        Assert.Contains("Resumed the devnet.", restarted.Output, StringComparison.Ordinal);
        cli = new ChainCli(restarted.Gateway);
        var afterRestart = await cli.JsonAsync("status");
        var heightBefore = beforeKill.GetProperty("height").GetUInt64();
        Assert.True(afterRestart.GetProperty("height").GetUInt64() >= heightBefore);
        Assert.Equal(afterRestart.GetProperty("genesisHash").GetString(), beforeKill.GetProperty("genesisHash").GetString());

        // The block seen before the kill is still there with the same hash and state root.
        var block = await cli.JsonAsync("block", heightBefore.ToString(System.Globalization.CultureInfo.InvariantCulture), "--genesis", Genesis);
        Assert.Equal(beforeKill.GetProperty("latestBlockHash").GetString(), block.GetProperty("hash").GetString());
        Assert.Equal(beforeKill.GetProperty("stateRoot").GetString(), block.GetProperty("stateRoot").GetString());

        // The last finalized transfer is still final in the same block; balances are as before.
        var tx = await cli.JsonAsync("tx", last.GetProperty("hash").GetString()!);
        Assert.Equal("final", tx.GetProperty("status").GetString());
        Assert.Equal(lastHeight, tx.GetProperty("height").GetUInt64());
        Assert.Equal(bobBefore, (await cli.JsonAsync("balance", bob, "--prove", "--genesis", Genesis)).GetProperty("balance").GetUInt64());
        Assert.Equal(1000UL, (await cli.JsonAsync("balance", alice)).GetProperty("balance").GetUInt64());

        // And the chain keeps going.
        var after = await cli.JsonAsync("transfer", "--key", Faucet, "--to", bob, "--amount", "1", "--wait");
        Assert.True(after.GetProperty("height").GetUInt64() > heightBefore);
    }

    private string FaucetAddress()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Faucet));
        return doc.RootElement.GetProperty("address").GetString()!;
    }
}
