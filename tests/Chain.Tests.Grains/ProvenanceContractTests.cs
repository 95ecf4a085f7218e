using Chain.Protocol.Blocks;

namespace Chain.Tests.Grains;

public sealed class ProvenanceContractTests(ClusterFixture fixture)
{
    private readonly ContractKit _kit = new(fixture);

    [Fact]
    public async Task Only_the_current_custodian_hands_an_item_on_and_the_history_keeps_every_step()
    {
        using var farm = await _kit.AccountAsync();
        using var shipper = await _kit.AccountAsync();
        using var stranger = await _kit.AccountAsync();
        var (registry, _) = await _kit.DeployAsync(farm, "provenance");

        await _kit.CallAsync(farm, registry, "register", """{"id":"crate-7","description":"Coffee, 60 kg"}""");
        await _kit.CallAsync(farm, registry, "add_checkpoint", """{"id":"crate-7","location":"Santos","note":"loaded"}""");
        var stolen = await _kit.CallAsync(stranger, registry, "transfer_custody", $$"""{"id":"crate-7","to":"{{stranger.Address}}"}""", expectSuccess: false);
        await _kit.CallAsync(farm, registry, "transfer_custody", $$"""{"id":"crate-7","to":"{{shipper.Address}}"}""");
        var formerCustodian = await _kit.CallAsync(farm, registry, "add_checkpoint", """{"id":"crate-7","location":"Rotterdam"}""", expectSuccess: false);
        await _kit.CallAsync(shipper, registry, "add_checkpoint", """{"id":"crate-7","location":"Rotterdam","note":"unloaded"}""");
        var duplicate = await _kit.CallAsync(stranger, registry, "register", """{"id":"crate-7","description":"fake"}""", expectSuccess: false);

        Assert.Equal((ReceiptStatus.Reverted, "only the current custodian may do this"), (stolen.Status, ContractKit.Message(stolen)));
        Assert.Equal("only the current custodian may do this", ContractKit.Message(formerCustodian));
        Assert.Equal("item 'crate-7' is already registered", ContractKit.Message(duplicate));

        var history = await _kit.QueryAsync(registry, "history", """{"id":"crate-7"}""");
        Assert.Equal(shipper.Address.ToString(), history.GetProperty("custodian").GetString());
        var kinds = history.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToArray();
        Assert.Equal(["register", "checkpoint", "custody", "checkpoint"], kinds);
        var item = await _kit.QueryAsync(registry, "get_item", """{"id":"crate-7"}""");
        Assert.Equal(farm.Address.ToString(), item.GetProperty("creator").GetString());

        var page = await _kit.Contract(registry).GetEventsAsync(0, 0, 100);
        Assert.Equal(["registered", "checkpoint", "custody", "checkpoint"], page.Events.Select(ContractKit.Topic));
    }
}
