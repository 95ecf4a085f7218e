namespace Chain.Tests.EndToEnd;

/// <summary>
/// `--validators 4`: four validator grains in one silo reach BFT finality, and the CLI verifies each block's
/// certificate from the user's own copy of the genesis, trusting nothing the silo says.
/// </summary>
public sealed class FourValidatorDevnetTests() : TempDataDirectory("chain-e2e-bft")
{
    [Fact]
    public async Task Blocks_carry_certificates_over_two_thirds_of_the_stake_that_the_client_verifies_from_the_genesis()
    {
        await using var silo = await SiloProcess.StartAsync(DataDir, null, null, "--validators", "4");
        var cli = new ChainCli(silo.Gateway);
        var genesis = Path.Combine(DataDir, "genesis.json");
        var faucet = Path.Combine(DataDir, "keys", "faucet.json");
        for (var i = 0; i < 4; i++)
        {
            Assert.True(File.Exists(Path.Combine(DataDir, "keys", $"validator-{i}.json")));
        }

        var recipient = (await cli.JsonAsync("keys", "new", "--out", Path.Combine(DataDir, "r.json"))).GetProperty("address").GetString()!;
        var sent = await cli.JsonAsync("transfer", "--key", faucet, "--to", recipient, "--amount", "500", "--wait");
        Assert.Equal("final", sent.GetProperty("status").GetString());

        var block = await cli.JsonAsync("block", "latest", "--genesis", genesis);
        var certificate = block.GetProperty("certificate");
        Assert.True(certificate.GetProperty("verified").GetBoolean());
        Assert.Equal("genesis", certificate.GetProperty("trustRoot").GetString());
        Assert.Equal(4, certificate.GetProperty("validatorCount").GetInt32());
        var signed = certificate.GetProperty("signedPower").GetUInt64();
        var total = certificate.GetProperty("totalPower").GetUInt64();
        Assert.True(signed * 3 > total * 2, $"certificate holds {signed} of {total}");
        Assert.True(certificate.GetProperty("signers").GetArrayLength() >= 3);

        var validators = await cli.JsonAsync("validators", "--genesis", genesis);
        Assert.Equal(4, validators.GetProperty("activeSet").GetProperty("count").GetInt32());
        Assert.True(validators.GetProperty("verification").GetProperty("verified").GetBoolean());

        var balance = await cli.JsonAsync("balance", recipient, "--prove", "--genesis", genesis);
        Assert.Equal(500UL, balance.GetProperty("balance").GetUInt64());
        Assert.True(balance.GetProperty("proof").GetProperty("verified").GetBoolean());
    }
}
