using Chain.Protocol.Blocks;

namespace Chain.Tests.Grains;

public sealed class CredentialsContractTests(ClusterFixture fixture)
{
    private const string Claim = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private readonly ContractKit _kit = new(fixture);

    [Fact]
    public async Task An_issued_credential_verifies_until_its_issuer_and_only_its_issuer_revokes_it()
    {
        using var university = await _kit.AccountAsync();
        using var forger = await _kit.AccountAsync();
        using var graduate = await _kit.AccountAsync();
        var (registry, _) = await _kit.DeployAsync(university, "credentials");

        await _kit.CallAsync(university, registry, "issue", $$"""{"id":"deg-2024-0001","subject":"{{graduate.Address}}","claim_hash":"{{Claim}}"}""");
        var valid = await _kit.QueryAsync(registry, "verify", $$"""{"id":"deg-2024-0001","claim_hash":"{{Claim}}"}""");
        var wrongHash = await _kit.QueryAsync(registry, "verify", $$"""{"id":"deg-2024-0001","claim_hash":"{{new string('0', 64)}}"}""");
        var forged = await _kit.CallAsync(forger, registry, "revoke", """{"id":"deg-2024-0001"}""", expectSuccess: false);
        var stillValid = await _kit.QueryAsync(registry, "verify", """{"id":"deg-2024-0001"}""");
        await _kit.CallAsync(university, registry, "revoke", """{"id":"deg-2024-0001"}""");
        var revoked = await _kit.QueryAsync(registry, "verify", $$"""{"id":"deg-2024-0001","claim_hash":"{{Claim}}"}""");
        var unknown = await _kit.QueryAsync(registry, "verify", """{"id":"nobody"}""");

        Assert.True(valid.GetProperty("valid").GetBoolean());
        Assert.Equal(university.Address.ToString(), valid.GetProperty("issuer").GetString());
        Assert.Equal(graduate.Address.ToString(), valid.GetProperty("subject").GetString());
        Assert.False(wrongHash.GetProperty("valid").GetBoolean());
        Assert.Equal((ReceiptStatus.Reverted, "only the issuer may revoke credential 'deg-2024-0001'"), (forged.Status, ContractKit.Message(forged)));
        Assert.True(stillValid.GetProperty("valid").GetBoolean());
        Assert.False(revoked.GetProperty("valid").GetBoolean());
        Assert.True(revoked.GetProperty("revoked").GetBoolean());
        Assert.False(unknown.GetProperty("exists").GetBoolean());

        var page = await _kit.Contract(registry).GetEventsAsync(0, 0, 100);
        Assert.Equal(["issued", "revoked"], page.Events.Select(ContractKit.Topic));
    }
}
