using System.Text.Json;
using Chain.Protocol.Blocks;
using Chain.Protocol.Transactions;

namespace Chain.Tests.Grains;

public sealed class DaoContractTests(ClusterFixture fixture)
{
    private readonly ContractKit _kit = new(fixture);

    [Fact]
    public async Task A_proposal_takes_one_vote_per_address_tallies_and_closes_only_after_its_end_height()
    {
        using var creator = await _kit.AccountAsync();
        using var yes1 = await _kit.AccountAsync();
        using var yes2 = await _kit.AccountAsync();
        using var no = await _kit.AccountAsync();
        var (dao, _) = await _kit.DeployAsync(creator, "dao");
        var height = (await _kit.Shard.GetStatusAsync()).Height;
        var endsAt = height + 8;

        var created = await _kit.CallAsync(creator, dao, "create_proposal", $$"""{"title":"Fund the bridge audit","ends_at_height":{{endsAt}}}""");
        Assert.Equal("""{"id":1}""", System.Text.Encoding.UTF8.GetString(created.Contract!.ReturnData));
        await Task.WhenAll(
            _kit.CallAsync(yes1, dao, "vote", """{"id":1,"support":true}"""),
            _kit.CallAsync(yes2, dao, "vote", """{"id":1,"support":true}"""),
            _kit.CallAsync(no, dao, "vote", """{"id":1,"support":false}"""));
        var twice = await _kit.CallAsync(yes1, dao, "vote", """{"id":1,"support":false}""", expectSuccess: false);
        var early = await _kit.CallAsync(creator, dao, "close", """{"id":1}""", expectSuccess: false);

        Assert.Equal((ReceiptStatus.Reverted, "already voted"), (twice.Status, ContractKit.Message(twice)));
        Assert.Equal((ReceiptStatus.Reverted, $"proposal 1 is open until height {endsAt}"), (early.Status, ContractKit.Message(early)));
        var tally = await _kit.QueryAsync(dao, "tally", """{"id":1}""");
        Assert.Equal(("2", "1", "yes"), (Text(tally, "yes"), Text(tally, "no"), Text(tally, "leading")));

        // Each transfer waits until it is final, so each one moves the chain at least one block: no clock involved.
        while ((await _kit.Shard.GetStatusAsync()).Height <= endsAt)
        {
            await _kit.SendAsync(no, new Transfer(creator.Address, 1), expectSuccess: true);
        }

        var closed = await _kit.CallAsync(creator, dao, "close", """{"id":1}""");
        Assert.Equal("closed", System.Text.Encoding.UTF8.GetString(closed.Contract!.Events[0].Topic));
        var proposal = await _kit.QueryAsync(dao, "get_proposal", """{"id":1}""");
        Assert.True(proposal.GetProperty("closed").GetBoolean());
        Assert.True(proposal.GetProperty("passed").GetBoolean());
        var late = await _kit.CallAsync(no, dao, "vote", """{"id":1,"support":false}""", expectSuccess: false);
        Assert.Equal("voting on proposal 1 has ended", ContractKit.Message(late));

        var page = await _kit.Contract(dao).GetEventsAsync(0, 0, 100);
        Assert.Equal(["proposal", "vote", "vote", "vote", "closed"], page.Events.Select(ContractKit.Topic));
    }

    [Fact]
    public async Task A_token_weighted_vote_reads_the_voters_balance_through_a_nested_call()
    {
        using var alice = await _kit.AccountAsync();
        using var bob = await _kit.AccountAsync();
        using var carol = await _kit.AccountAsync();
        var (token, _) = await _kit.DeployAsync(alice, "token", """{"name":"Vote","symbol":"V","supply":"1000"}""");
        await _kit.CallAsync(alice, token, "transfer", $$"""{"to":"{{bob.Address}}","amount":"300"}""");
        var (dao, _) = await _kit.DeployAsync(alice, "dao", $$"""{"token":"{{token}}"}""");
        var endsAt = (await _kit.Shard.GetStatusAsync()).Height + 50;
        await _kit.CallAsync(alice, dao, "create_proposal", $$"""{"title":"Weighted","ends_at_height":{{endsAt}}}""");

        var aliceVote = await _kit.CallAsync(alice, dao, "vote", """{"id":1,"support":false}""");
        await _kit.CallAsync(bob, dao, "vote", """{"id":1,"support":true}""");
        var noWeight = await _kit.CallAsync(carol, dao, "vote", """{"id":1,"support":true}""", expectSuccess: false);

        Assert.Equal("700", JsonDocument.Parse(aliceVote.Contract!.Events[0].Data).RootElement.GetProperty("weight").GetString());
        Assert.Equal((ReceiptStatus.Reverted, "no voting weight"), (noWeight.Status, ContractKit.Message(noWeight)));
        var tally = await _kit.QueryAsync(dao, "tally", """{"id":1}""");
        Assert.Equal(("300", "700", "no"), (Text(tally, "yes"), Text(tally, "no"), Text(tally, "leading")));
    }

    private static string Text(JsonElement json, string name)
    {
        var value = json.GetProperty(name);
        return value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
    }
}
