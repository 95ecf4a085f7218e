using System.Text.Json;
using Chain.Cli;
using Chain.GrainInterfaces;
using Chain.Protocol.Crypto;

namespace Chain.Tests.Client;

public sealed class ValidatorsCommandTests : IDisposable
{
    private readonly ChangedChain _chain = new();
    private readonly KeyPair _jailed = KeyPair.Generate();

    public void Dispose()
    {
        _chain.Dispose();
        _jailed.Dispose();
    }

    [Fact]
    public async Task The_active_set_and_candidates_are_shown_and_the_set_is_verified_from_the_genesis()
    {
        _chain.Node.Validators = _chain.ValidatorsAt(250, _jailed);

        var run = await CliRun.AgainstAsync(_chain.Node, "validators", "--genesis", _chain.GenesisFile, "--json");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        var root = json.RootElement;
        Assert.Equal(250UL, root.GetProperty("height").GetUInt64());
        Assert.Equal(100UL, root.GetProperty("epochLength").GetUInt64());
        Assert.Equal(300UL, root.GetProperty("nextEpochHeight").GetUInt64());

        var active = root.GetProperty("activeSet");
        var set = _chain.Chain.Committees[2].Set;
        Assert.Equal(set.Hash.ToString(), active.GetProperty("hash").GetString());
        Assert.Equal(40UL, active.GetProperty("totalPower").GetUInt64());
        var members = active.GetProperty("validators").EnumerateArray().ToArray();
        Assert.Equal(set.Validators.Select(v => v.Address.ToString()), members.Select(m => m.GetProperty("address").GetString()));
        Assert.All(members, m => Assert.Equal(25.0, m.GetProperty("percent").GetDouble()));

        var candidates = root.GetProperty("candidates").EnumerateArray().ToArray();
        Assert.Equal(5, candidates.Length);
        var jailed = candidates[^1];
        Assert.Equal(_jailed.Address.ToString(), jailed.GetProperty("address").GetString());
        Assert.Equal("jailed", jailed.GetProperty("status").GetString());
        Assert.Equal(7UL, jailed.GetProperty("tokens").GetUInt64());
        Assert.Equal(0UL, jailed.GetProperty("power").GetUInt64());
        Assert.Equal(300UL, jailed.GetProperty("jailedUntilHeight").GetUInt64());
        Assert.Equal(60U, jailed.GetProperty("missedBlocks").GetUInt32());

        var verification = root.GetProperty("verification");
        Assert.True(verification.GetProperty("verified").GetBoolean());
        Assert.Equal("genesis", verification.GetProperty("trustRoot").GetString());
        Assert.Equal(250UL, verification.GetProperty("committedByHeight").GetUInt64());
        Assert.Equal(ChangedChain.SecondChange, verification.GetProperty("trustedSetSince").GetUInt64());
        Assert.False(verification.GetProperty("candidatesVerified").GetBoolean());
    }

    [Fact]
    public async Task An_active_set_other_than_the_one_the_latest_header_commits_to_fails_verification()
    {
        _chain.Node.Validators = _chain.ValidatorsAt(250, _jailed) with { ValidatorSet = _chain.Chain.Committees[1].Set.Encode() };

        var run = await CliRun.AgainstAsync(_chain.Node, "validators", "--json");

        Assert.Equal(ExitCodes.VerificationFailed, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        Assert.Contains("commits to next set", json.RootElement.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_latest_header_not_reachable_from_the_genesis_fails_verification()
    {
        _chain.Node.Validators = _chain.ValidatorsAt(250, _jailed);
        _chain.Node.Changes.RemoveAt(1);

        var run = await CliRun.AgainstAsync(_chain.Node, "validators", "--genesis", _chain.GenesisFile);

        Assert.Equal(ExitCodes.VerificationFailed, run.ExitCode);
        Assert.Empty(run.Out);
    }

    [Fact]
    public async Task A_candidate_whose_address_is_not_its_keys_fails_verification()
    {
        var honest = _chain.ValidatorsAt(250, _jailed);
        var swapped = honest.Candidates[^1] with { Address = honest.Candidates[0].Address };
        _chain.Node.Validators = honest with { Candidates = [.. honest.Candidates[..^1], swapped] };

        var run = await CliRun.AgainstAsync(_chain.Node, "validators");

        Assert.Equal(ExitCodes.VerificationFailed, run.ExitCode);
        Assert.Contains("is not its public key's", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Before_the_first_block_the_active_set_must_be_the_genesis_set()
    {
        var genesisSet = _chain.Chain.Committees[0].Set;
        _chain.Node.Validators = new ValidatorsResult(0, genesisSet.Encode(), null, null, [], 100, 100);
        var honest = await CliRun.AgainstAsync(_chain.Node, "validators", "--genesis", _chain.GenesisFile, "--json");

        _chain.Node.Validators = new ValidatorsResult(0, _chain.Chain.Committees[1].Set.Encode(), null, null, [], 100, 100);
        var other = await CliRun.AgainstAsync(_chain.Node, "validators", "--genesis", _chain.GenesisFile, "--json");

        Assert.Equal(ExitCodes.Ok, honest.ExitCode);
        using var json = JsonDocument.Parse(honest.Out);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("verification").GetProperty("committedByHeight").ValueKind);
        Assert.Equal(ExitCodes.VerificationFailed, other.ExitCode);
    }

    [Fact]
    public async Task In_text_the_set_is_listed_with_shares_and_what_was_verified()
    {
        _chain.Node.Validators = _chain.ValidatorsAt(250, _jailed);

        var run = await CliRun.AgainstAsync(_chain.Node, "validators", "--genesis", _chain.GenesisFile);

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Contains("active set: 4 validators, total power 40", run.Out, StringComparison.Ordinal);
        Assert.Contains("power 10  25.00%", run.Out, StringComparison.Ordinal);
        Assert.Contains("jailed until 300", run.Out, StringComparison.Ordinal);
        Assert.Contains("verified: the active set is the next set block 250 commits to", run.Out, StringComparison.Ordinal);
    }
}
