using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;

namespace Chain.Tests.Grains;

public sealed class TokenContractTests(ClusterFixture fixture)
{
    private readonly ContractKit _kit = new(fixture);

    [Fact]
    public async Task The_token_mints_to_its_deployer_moves_balances_and_allowances_and_lists_its_transfers()
    {
        using var alice = await _kit.AccountAsync();
        using var bob = await _kit.AccountAsync();
        using var carol = KeyPair.Generate();
        var (token, deployed) = await _kit.DeployAsync(alice, "token", """{"name":"Example","symbol":"EXM","supply":"1000000"}""");
        Assert.Single(deployed.Contract!.Events);

        await _kit.CallAsync(alice, token, "transfer", $$"""{"to":"{{bob.Address}}","amount":"100"}""");
        await _kit.CallAsync(alice, token, "approve", $$"""{"spender":"{{bob.Address}}","amount":"50"}""");
        await _kit.CallAsync(bob, token, "transfer_from", $$"""{"from":"{{alice.Address}}","to":"{{carol.Address}}","amount":"30"}""");
        var tooMuch = await _kit.CallAsync(bob, token, "transfer", $$"""{"to":"{{carol.Address}}","amount":"101"}""", expectSuccess: false);
        var overAllowance = await _kit.CallAsync(bob, token, "transfer_from", $$"""{"from":"{{alice.Address}}","to":"{{carol.Address}}","amount":"21"}""", expectSuccess: false);

        Assert.Equal((ReceiptStatus.Reverted, "insufficient balance"), (tooMuch.Status, ContractKit.Message(tooMuch)));
        Assert.Equal((ReceiptStatus.Reverted, "allowance exceeded"), (overAllowance.Status, ContractKit.Message(overAllowance)));
        Assert.Empty(tooMuch.Contract!.Events);
        Assert.Equal("999870", await Balance(token, alice.Address));
        Assert.Equal("100", await Balance(token, bob.Address));
        Assert.Equal("30", await Balance(token, carol.Address));
        var allowance = await _kit.QueryAsync(token, "allowance", $$"""{"owner":"{{alice.Address}}","spender":"{{bob.Address}}"}""");
        Assert.Equal("20", allowance.GetProperty("allowance").GetString());
        Assert.Equal("1000000", (await _kit.QueryAsync(token, "total_supply")).GetProperty("total_supply").GetString());

        var page = await _kit.Contract(token).GetEventsAsync(0, 0, 100);
        Assert.Equal(["transfer", "transfer", "approval", "transfer"], page.Events.Select(ContractKit.Topic));
        Assert.Equal(0UL, page.NextCursor);
        var mint = ContractKit.Data(page.Events[0]);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, mint.GetProperty("from").ValueKind);
        var moved = ContractKit.Data(page.Events[3]);
        Assert.Equal((alice.Address.ToString(), carol.Address.ToString(), "30"), (moved.GetProperty("from").GetString(), moved.GetProperty("to").GetString(), moved.GetProperty("amount").GetString()));

        var info = await _kit.Contract(token).GetInfoAsync();
        Assert.True(info.Exists);
        Assert.Equal((1u, 4UL), (info.Version, info.EventCount));
        Assert.Equal(alice.Address, new Address(info.Deployer));
        Assert.Null(info.Admin);
        Assert.True(info.StorageChangedHeight >= info.DeployedHeight);
    }

    [Fact]
    public async Task A_query_cannot_write_and_costs_the_caller_nothing()
    {
        using var alice = await _kit.AccountAsync();
        var (token, _) = await _kit.DeployAsync(alice, "token", """{"name":"T","symbol":"T","supply":"10"}""");
        var before = await _kit.Shard.GetAccountAsync(alice.Address.ToArray(), false);

        var result = await _kit.Contract(token).QueryAsync("transfer", System.Text.Encoding.UTF8.GetBytes($$"""{"to":"{{alice.Address}}","amount":"1"}"""), alice.Address.ToArray(), 0);

        Assert.NotEqual((int)ReceiptStatus.Success, result.Status);
        Assert.Equal("10", await Balance(token, alice.Address));
        Assert.Equal(before.Balance, (await _kit.Shard.GetAccountAsync(alice.Address.ToArray(), false)).Balance);
    }

    private async Task<string?> Balance(Address token, Address owner) =>
        (await _kit.QueryAsync(token, "balance_of", $$"""{"owner":"{{owner}}"}""")).GetProperty("balance").GetString();
}
