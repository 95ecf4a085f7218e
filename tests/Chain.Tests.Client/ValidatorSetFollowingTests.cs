using System.Text.Json;
using Chain.Cli;
using Chain.Client;
using Chain.GrainInterfaces;
using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;
using Chain.Protocol.Proofs;

namespace Chain.Tests.Client;

/// <summary>The client walks set changes from the genesis through the node, page by page, and balance proofs use that walk.</summary>
public sealed class ValidatorSetFollowingTests : IDisposable
{
    private readonly ChangedChain _chain = new();
    private readonly KeyPair _owner = KeyPair.Generate();

    public void Dispose()
    {
        _chain.Dispose();
        _owner.Dispose();
    }

    [Fact]
    public async Task More_changes_than_one_page_are_followed_page_by_page_up_to_the_height_asked_for()
    {
        using var a = new Committee(1);
        using var b = new Committee(1);
        var node = new FakeNode(new SetChanges(1, 1).Genesis with { Validators = a.Set });
        var committees = new[] { a, b };
        const int total = LightClient.MaxChangesPerCall + 5;
        for (var i = 0; i < total; i++)
        {
            var (from, to) = (committees[i % 2], committees[(i + 1) % 2]);
            var header = SetChanges.Header((ulong)(i + 1) * 10, from.Set, to.Set);
            node.Changes.Add(SetChanges.Encode(new LightClient.SetChange(header, from.Certify(header), to.Set)));
        }

        await using var client = node.Client();
        var light = await client.FollowValidatorSetAsync(node.Genesis, height: 10_025, TestContext.Current.CancellationToken);

        // Changes at 10, 20, ..., 10_020 lie below 10_025; the one at 10_030 certifies nothing the caller asked about.
        Assert.Equal(10_020UL, light.Height);
        Assert.Equal([0UL, (ulong)LightClient.MaxChangesPerCall * 10], node.ChangeRequests);
        Assert.Equal(committees[1002 % 2].Set.Hash, light.TrustedSet.Hash);
    }

    [Fact]
    public async Task A_node_that_answers_with_more_changes_than_asked_for_fails_verification()
    {
        var change = _chain.Node.Changes[0];
        _chain.Node.Changes.Clear();
        _chain.Node.Changes.AddRange(Enumerable.Repeat(change, LightClient.MaxChangesPerCall + 1));
        _chain.Node.IgnoresMax = true;
        await using var client = _chain.Node.Client();

        var e = await Assert.ThrowsAsync<ChainClientException>(
            () => client.FollowValidatorSetAsync(_chain.Chain.Genesis, 5_000, TestContext.Current.CancellationToken));

        Assert.Equal(ChainClientErrorKind.VerificationFailed, e.Kind);
        Assert.Contains("the node sent 1001", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Change_bytes_that_do_not_decode_fail_verification()
    {
        _chain.Node.Changes[0] = _chain.Node.Changes[0] with { NextValidatorSet = [1, 2, 3] };
        await using var client = _chain.Node.Client();

        var e = await Assert.ThrowsAsync<ChainClientException>(
            () => client.FollowValidatorSetAsync(_chain.Chain.Genesis, 5_000, TestContext.Current.CancellationToken));

        Assert.Equal(ChainClientErrorKind.VerificationFailed, e.Kind);
        Assert.Contains("does not decode", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_balance_proof_after_two_set_changes_verifies_from_the_genesis()
    {
        _chain.Node.Accounts = HonestAccountAt(250);

        var run = await CliRun.AgainstAsync(_chain.Node, "balance", _owner.Address.ToString(), "--genesis", _chain.GenesisFile, "--json");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        var proof = json.RootElement.GetProperty("proof");
        Assert.True(proof.GetProperty("verified").GetBoolean());
        Assert.Equal("genesis", proof.GetProperty("trustRoot").GetString());
        Assert.Equal(ChangedChain.SecondChange, proof.GetProperty("trustedSetSince").GetUInt64());
        Assert.Equal(30UL, proof.GetProperty("signedPower").GetUInt64());
        Assert.Equal(500UL, json.RootElement.GetProperty("balance").GetUInt64());
    }

    [Fact]
    public async Task A_balance_proof_certified_by_a_set_the_genesis_does_not_lead_to_fails()
    {
        _chain.Node.Accounts = HonestAccountAt(250);
        _chain.Node.Changes.RemoveAt(1);

        var run = await CliRun.AgainstAsync(_chain.Node, "balance", _owner.Address.ToString(), "--genesis", _chain.GenesisFile, "--json");

        Assert.Equal(ExitCodes.VerificationFailed, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        Assert.Contains("pinned genesis", json.RootElement.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_genesis_a_balance_proof_trusts_the_nodes_set_and_walks_nothing()
    {
        _chain.Node.Accounts = HonestAccountAt(250);

        var run = await CliRun.AgainstAsync(_chain.Node, "balance", _owner.Address.ToString(), "--prove");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Contains("validator set as reported by the node", run.Out, StringComparison.Ordinal);
        Assert.Empty(_chain.Node.ChangeRequests);
    }

    /// <summary>A node holding the owner's account (balance 500, nonce 2) as the only leaf of the state at <paramref name="height"/>.</summary>
    private Func<Address, bool, AccountResult> HonestAccountAt(ulong height)
    {
        var state = new AccountState(500, 2);
        var header = _chain.Header(height, stateRoot: CertifiedState.RootHolding(_owner.Address, state));
        var certificate = _chain.At(height).Certify(header, signers: 3);
        var proof = new StateProof(StateKeys.Account(_owner.Address), state.Encode(), null, []);
        return (address, _) => CertifiedState.Answer(address, state, header, certificate, _chain.At(height).Set, proof);
    }
}
