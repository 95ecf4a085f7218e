using Chain.GrainInterfaces;
using Chain.Grains.Contract;
using Chain.Grains.Contract.Events;
using Chain.Grains.Events;
using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;
using Chain.Protocol.Proofs;
using Chain.Protocol.Transactions;
using Chain.Storage;

namespace Chain.Tests.Grains;

public sealed class ContractGrainTests(ClusterFixture fixture)
{
    private readonly ContractKit _kit = new(fixture);

    [Fact]
    public async Task Events_page_by_cursor_and_by_height_without_gaps_or_repeats()
    {
        using var alice = await _kit.AccountAsync();
        using var bob = KeyPair.Generate();
        var (token, _) = await _kit.DeployAsync(alice, "token", """{"name":"P","symbol":"P","supply":"1000"}""");
        ulong secondHeight = 0;
        for (var i = 1; i <= 4; i++)
        {
            var receipt = await _kit.SendAsync(alice, new Call(token, "transfer", System.Text.Encoding.UTF8.GetBytes($$"""{"to":"{{bob.Address}}","amount":"{{i}}"}"""), 0, ContractKit.Gas), true);
            secondHeight = i == 2 ? receipt.Result.Height : secondHeight;
        }

        var seen = new List<ContractEventEntry>();
        var cursor = 0UL;
        do
        {
            var page = await _kit.Contract(token).GetEventsAsync(0, cursor, 2);
            Assert.True(page.Events.Length <= 2);
            seen.AddRange(page.Events);
            cursor = page.NextCursor;
        }
        while (cursor != 0);

        Assert.Equal(5, seen.Count);
        Assert.Equal(seen.Select(e => e.Cursor).Distinct().Count(), seen.Count);
        Assert.Equal(["1", "2", "3", "4"], seen.Skip(1).Select(e => ContractKit.Data(e).GetProperty("amount").GetString()));
        var fromSecond = await _kit.Contract(token).GetEventsAsync(secondHeight, 0, 100);
        Assert.Equal(["2", "3", "4"], fromSecond.Events.Select(e => ContractKit.Data(e).GetProperty("amount").GetString()));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _kit.Contract(token).GetEventsAsync(0, 0, ContractEventPage.MaxLimit + 1));
    }

    [Fact]
    public async Task An_upgrade_by_the_admin_keeps_every_code_version_and_a_stranger_cannot_upgrade()
    {
        using var admin = await _kit.AccountAsync();
        using var stranger = await _kit.AccountAsync();
        var token = ContractKit.Example("token");
        var dao = ContractKit.Example("dao");
        var (contract, _) = await _kit.DeployAsync(admin, token, """{"name":"U","symbol":"U","supply":"5"}""", admin.Address);

        var refused = await _kit.SendAsync(stranger, new Upgrade(contract, dao, ContractKit.Gas), expectSuccess: false);
        await _kit.SendAsync(admin, new Upgrade(contract, dao, ContractKit.Gas), expectSuccess: true);

        Assert.Equal(ReceiptStatus.NotAdmin, refused.Receipt.Status);
        var info = await _kit.Contract(contract).GetInfoAsync();
        Assert.Equal(2u, info.Version);
        Assert.Equal(admin.Address, new Address(info.Admin!));
        Assert.Equal([1u, 2u], info.Versions.Select(v => v.Version));
        Assert.Equal(ContractRecord.CodeHashOf(dao), new Hash32(info.CodeHash));
        Assert.True(info.UpgradedHeight > info.DeployedHeight);
        Assert.Equal(token, await _kit.Contract(contract).GetCodeAsync(1));
        Assert.Equal(dao, await _kit.Contract(contract).GetCodeAsync(2));
        Assert.Null(await _kit.Contract(contract).GetCodeAsync(3));
        Assert.Equal(0, (await _kit.QueryAsync(contract, "config")).GetProperty("proposals").GetInt32());
    }

    [Fact]
    public async Task A_contract_stream_agrees_with_the_ledger_and_replays_after_deactivation()
    {
        using var alice = await _kit.AccountAsync();
        var (token, _) = await _kit.DeployAsync(alice, "token", """{"name":"S","symbol":"S","supply":"77"}""");
        var (events, blocks, state) = (new EventStreamStore(fixture.Store), new BlockStore(fixture.Store), new StateStore(fixture.Store));

        var storage = new SortedDictionary<string, byte[]?>(StringComparer.Ordinal);
        foreach (var stored in events.ReadEvents(ContractStreams.StreamId(token), 0))
        {
            if (ContractEventCodec.Decode(stored.Event) is StorageChanged changed)
            {
                Assert.NotNull(blocks.GetByHeight(changed.BlockHeight));
                foreach (var change in ShardEventCodec.DecodeChanges(changed.Diff))
                {
                    storage[Convert.ToHexString(change.Key)] = change.Value;
                }
            }
        }

        Assert.NotEmpty(storage);
        foreach (var (key, value) in storage)
        {
            Assert.Equal(value, state.Get(StateKeys.ContractStorage(token, Convert.FromHexString(key))));
        }

        var before = await _kit.Contract(token).GetInfoAsync();
        await fixture.Cluster.DeactivateAsync(_kit.Contract(token));
        var after = await _kit.Contract(token).GetInfoAsync();
        Assert.Equal((before.Version, before.EventCount, before.DeployedHeight), (after.Version, after.EventCount, after.DeployedHeight));
    }

    [Fact]
    public async Task An_address_without_a_contract_reports_nothing_deployed_and_a_query_says_unknown_contract()
    {
        using var nobody = KeyPair.Generate();
        var grain = _kit.Contract(nobody.Address);

        Assert.False((await grain.GetInfoAsync()).Exists);
        Assert.Equal((int)ReceiptStatus.UnknownContract, (await grain.QueryAsync("balance_of", [], null, 0)).Status);
        Assert.Empty((await grain.GetEventsAsync(0, 0, 10)).Events);
        await Assert.ThrowsAsync<ArgumentException>(() => fixture.Client.GetGrain<IContractGrain>("not-an-address").GetInfoAsync());
    }
}
