using System.Text.Json;
using Chain.Cli;

namespace Chain.Tests.Client;

/// <summary><c>chain block</c> against a node whose validator set changed twice since the genesis.</summary>
public sealed class BlockCommandTests : IDisposable
{
    private readonly ChangedChain _chain = new();

    public void Dispose() => _chain.Dispose();

    [Fact]
    public async Task A_block_after_two_set_changes_verifies_from_the_genesis_and_shows_its_signers_and_power()
    {
        var block = _chain.AddBlock(250);

        var run = await CliRun.AgainstAsync(_chain.Node, "block", "250", "--genesis", _chain.GenesisFile, "--json");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        var root = json.RootElement;
        Assert.Equal(250UL, root.GetProperty("height").GetUInt64());
        Assert.Equal(block.Header.ValidatorSetHash.ToString(), root.GetProperty("validatorSetHash").GetString());
        Assert.Equal(block.Header.NextValidatorSetHash.ToString(), root.GetProperty("nextValidatorSetHash").GetString());
        Assert.Equal(block.Header.LastCertificateHash.ToString(), root.GetProperty("lastCertificateHash").GetString());

        var certificate = root.GetProperty("certificate");
        Assert.True(certificate.GetProperty("verified").GetBoolean());
        Assert.Equal("genesis", certificate.GetProperty("trustRoot").GetString());
        Assert.Equal(ChangedChain.SecondChange, certificate.GetProperty("trustedSetSince").GetUInt64());
        Assert.Equal(0U, certificate.GetProperty("round").GetUInt32());
        Assert.Equal(30UL, certificate.GetProperty("signedPower").GetUInt64());
        Assert.Equal(40UL, certificate.GetProperty("totalPower").GetUInt64());
        Assert.Equal(75.0, certificate.GetProperty("percent").GetDouble());
        var signers = certificate.GetProperty("signers").EnumerateArray().ToArray();
        var set = _chain.Chain.Committees[2].Set;
        Assert.Equal(3, signers.Length);
        for (var i = 0; i < signers.Length; i++)
        {
            Assert.Equal(i, signers[i].GetProperty("index").GetInt32());
            Assert.Equal(set.Validators[i].Address.ToString(), signers[i].GetProperty("address").GetString());
            Assert.Equal(10UL, signers[i].GetProperty("power").GetUInt64());
        }

        var parent = root.GetProperty("lastCertificate");
        Assert.Equal(249UL, parent.GetProperty("height").GetUInt64());
        Assert.Equal(3, parent.GetProperty("signatureCount").GetInt32());
        Assert.True(parent.GetProperty("matchesPreviousHash").GetBoolean());
        Assert.Equal([0UL], _chain.Node.ChangeRequests);
    }

    [Fact]
    public async Task A_block_between_the_changes_is_verified_with_the_set_of_the_first_change_only()
    {
        _chain.AddBlock(150);

        var run = await CliRun.AgainstAsync(_chain.Node, "block", "150", "--genesis", _chain.GenesisFile, "--json");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        Assert.Equal(ChangedChain.FirstChange, json.RootElement.GetProperty("certificate").GetProperty("trustedSetSince").GetUInt64());
    }

    [Fact]
    public async Task A_node_that_hides_a_set_change_fails_verification_and_the_block_is_shown_unverified()
    {
        _chain.AddBlock(250);
        _chain.Node.Changes.RemoveAt(1);

        var run = await CliRun.AgainstAsync(_chain.Node, "block", "250", "--genesis", _chain.GenesisFile, "--json");

        Assert.Equal(ExitCodes.VerificationFailed, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        var root = json.RootElement;
        Assert.Equal(250UL, root.GetProperty("height").GetUInt64());
        Assert.False(root.GetProperty("certificate").GetProperty("verified").GetBoolean());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("certificate").GetProperty("signedPower").ValueKind);
        Assert.Equal("verification-failed", root.GetProperty("error").GetProperty("code").GetString());
        Assert.StartsWith("error: verification failed", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_node_that_sends_a_forged_set_change_fails_verification()
    {
        _chain.AddBlock(250);
        var honest = _chain.Chain.Change(ChangedChain.FirstChange, 0, 1);
        _chain.Node.Changes[0] = SetChanges.Encode(honest with { Certificate = _chain.Chain.Committees[1].Certify(honest.Header) });

        var run = await CliRun.AgainstAsync(_chain.Node, "block", "250", "--genesis", _chain.GenesisFile);

        Assert.Equal(ExitCodes.VerificationFailed, run.ExitCode);
        Assert.Contains("verified:       NO", run.Out, StringComparison.Ordinal);
        Assert.Contains("validator-set change 0 (block 100)", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_genesis_the_certificate_is_checked_against_the_set_the_node_serves_and_says_so()
    {
        _chain.AddBlock(250);

        var run = await CliRun.AgainstAsync(_chain.Node, "block", "latest", "--json");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        var certificate = json.RootElement.GetProperty("certificate");
        Assert.True(certificate.GetProperty("verified").GetBoolean());
        Assert.Equal("node", certificate.GetProperty("trustRoot").GetString());
        Assert.Empty(_chain.Node.ChangeRequests);
    }

    [Fact]
    public async Task Without_a_genesis_a_set_the_node_does_not_serve_fails_verification()
    {
        _chain.AddBlock(250);
        _chain.Node.Sets.Clear();

        var run = await CliRun.AgainstAsync(_chain.Node, "block", "250");

        Assert.Equal(ExitCodes.VerificationFailed, run.ExitCode);
        Assert.Contains("does not serve validator set", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_text_the_block_names_its_trust_root_signers_and_parent_certificate()
    {
        _chain.AddBlock(250);

        var run = await CliRun.AgainstAsync(_chain.Node, "block", "250", "--genesis", _chain.GenesisFile);

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Contains("3 of 4 validators signed, power 30/40 (75.00%)", run.Out, StringComparison.Ordinal);
        Assert.Contains($"through the set change at block {ChangedChain.SecondChange}", run.Out, StringComparison.Ordinal);
        Assert.Contains("parent certificate: block 249 round 0, 3 signatures (validators 0, 1, 2), matches the previous hash", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_block_the_node_does_not_have_is_not_found()
    {
        var run = await CliRun.AgainstAsync(_chain.Node, "block", "999", "--json");

        Assert.Equal(ExitCodes.NotFound, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        Assert.Equal("not-found", json.RootElement.GetProperty("error").GetProperty("code").GetString());
    }
}
