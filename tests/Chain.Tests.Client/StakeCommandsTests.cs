using System.Text.Json;
using Chain.Cli;
using Chain.GrainInterfaces;
using Chain.Protocol.Crypto;
using Chain.Protocol.Files;
using Chain.Protocol.Transactions;
using Delegate = Chain.Protocol.Transactions.Delegate;

namespace Chain.Tests.Client;

public sealed class StakeCommandsTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly KeyPair _alice = KeyPair.Generate();
    private readonly KeyPair _validator = KeyPair.Generate();
    private readonly string _aliceFile;

    public StakeCommandsTests()
    {
        _aliceFile = _dir.File("alice.key");
        KeyFile.Write(_aliceFile, _alice);
    }

    public void Dispose()
    {
        _alice.Dispose();
        _validator.Dispose();
        _dir.Dispose();
    }

    private string Validator => _validator.Address.ToString();

    [Fact]
    public async Task Bond_signs_a_bond_of_the_amount()
    {
        var tx = await SignOfflineAsync("bond", "--amount", "5000");

        Assert.Equal(new Bond(5000), tx.Body.Payload);
    }

    [Fact]
    public async Task Delegate_signs_a_delegation_to_the_validator()
    {
        var tx = await SignOfflineAsync("delegate", "--validator", Validator, "--amount", "100");

        Assert.Equal(new Delegate(_validator.Address, 100), tx.Body.Payload);
    }

    [Fact]
    public async Task Unbond_signs_an_unbonding_from_the_validator()
    {
        var tx = await SignOfflineAsync("unbond", "--validator", Validator, "--amount", "40");

        Assert.Equal(new Unbond(_validator.Address, 40), tx.Body.Payload);
    }

    [Fact]
    public async Task Unbond_without_a_validator_unbonds_the_senders_self_stake()
    {
        var tx = await SignOfflineAsync("unbond", "--amount", "40");

        Assert.Equal(new Unbond(_alice.Address, 40), tx.Body.Payload);
    }

    [Fact]
    public async Task Withdraw_signs_a_withdrawal_from_the_validator()
    {
        var tx = await SignOfflineAsync("withdraw", "--validator", Validator);

        Assert.Equal(new Withdraw(_validator.Address), tx.Body.Payload);
    }

    [Fact]
    public async Task Unjail_signs_an_unjail_request()
    {
        var tx = await SignOfflineAsync("unjail");

        Assert.IsType<Unjail>(tx.Body.Payload);
    }

    [Theory]
    [InlineData("bond", "--amount", "0")]
    [InlineData("delegate", "--validator", "VALIDATOR", "--amount", "0")]
    [InlineData("unbond", "--amount", "0")]
    public async Task A_zero_amount_is_bad_input(params string[] args)
    {
        var run = await CliRun.InvokeAsync([.. Stake(args), "--nonce", "0", "--chain-id", "devnet", "--offline"]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--amount must be a positive number", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Out);
    }

    [Theory]
    [InlineData("delegate", "--validator", "chain1notanaddress", "--amount", "5")]
    [InlineData("unbond", "--validator", "cosmos1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq", "--amount", "5")]
    [InlineData("withdraw", "--validator", "nope")]
    public async Task A_validator_that_is_not_an_address_is_bad_input(params string[] args)
    {
        var run = await CliRun.InvokeAsync([.. Stake(args), "--nonce", "0", "--chain-id", "devnet", "--offline", "--json"]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.StartsWith("error: --validator", run.Error, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(run.Out);
        Assert.Equal("invalid-input", json.RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("delegate", "--amount", "5")]
    [InlineData("bond")]
    [InlineData("bond", "--amount", "-1")]
    public async Task Missing_or_malformed_options_are_usage_errors(params string[] args)
    {
        var run = await CliRun.InvokeAsync([.. Stake(args), "--nonce", "0", "--chain-id", "devnet", "--offline"]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.StartsWith("error: ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Offline_staking_needs_a_nonce_and_chain_id_like_transfer()
    {
        var run = await CliRun.InvokeAsync("stake", "bond", "--key", _aliceFile, "--amount", "5", "--offline");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--offline needs --nonce and --chain-id", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delegate_with_wait_submits_through_the_node_and_reports_the_verified_final_transaction()
    {
        var node = new FakeNode(new SetChanges(1, 1).Genesis);

        var run = await CliRun.AgainstAsync(node, "stake", "delegate", "--key", _aliceFile, "--validator", Validator, "--amount", "100", "--wait", "--json");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        var submitted = Assert.Single(node.Submitted);
        Assert.Equal(new Delegate(_validator.Address, 100), submitted.Body.Payload);
        Assert.Equal(node.Genesis.Parameters.MinFee, submitted.Body.Fee);
        Assert.Equal(node.Genesis.ChainId, submitted.Body.ChainId);
        using var json = JsonDocument.Parse(run.Out);
        var root = json.RootElement;
        Assert.Equal("delegate", root.GetProperty("type").GetString());
        Assert.Equal(Validator, root.GetProperty("validator").GetString());
        Assert.Equal("final", root.GetProperty("status").GetString());
        Assert.True(root.GetProperty("inclusionVerified").GetBoolean());
    }

    [Fact]
    public async Task Bond_without_wait_reports_it_pending()
    {
        var node = new FakeNode(new SetChanges(1, 1).Genesis);

        var run = await CliRun.AgainstAsync(node, "stake", "bond", "--key", _aliceFile, "--amount", "7", "--json");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Equal(new Bond(7), Assert.Single(node.Submitted).Body.Payload);
        using var json = JsonDocument.Parse(run.Out);
        Assert.Equal("pending", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("bond", json.RootElement.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Show_lists_delegations_and_unbonding_entries_with_totals()
    {
        var node = new FakeNode(new SetChanges(1, 1).Genesis);
        node.Stakes[_alice.Address] =
        [
            new StakeInfo(_alice.Address.ToArray(), 1_000, []),
            new StakeInfo(_validator.Address.ToArray(), 250, [new UnbondingInfo(50, 1_200), new UnbondingInfo(25, 1_300)]),
        ];

        var run = await CliRun.AgainstAsync(node, "stake", "show", _alice.Address.ToString(), "--json");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        var root = json.RootElement;
        Assert.Equal(1_250UL, root.GetProperty("bonded").GetUInt64());
        Assert.Equal(75UL, root.GetProperty("unbonding").GetUInt64());
        var delegations = root.GetProperty("delegations").EnumerateArray().ToArray();
        Assert.True(delegations[0].GetProperty("self").GetBoolean());
        Assert.Equal(Validator, delegations[1].GetProperty("validator").GetString());
        Assert.Equal(1_200UL, delegations[1].GetProperty("unbonding")[0].GetProperty("completionHeight").GetUInt64());
    }

    [Fact]
    public async Task Show_of_a_key_file_shows_that_keys_account()
    {
        var node = new FakeNode(new SetChanges(1, 1).Genesis);

        var run = await CliRun.AgainstAsync(node, "stake", "show", "--key", _aliceFile, "--json");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        Assert.Equal(_alice.Address.ToString(), json.RootElement.GetProperty("address").GetString());
        Assert.Empty(json.RootElement.GetProperty("delegations").EnumerateArray());
    }

    [Theory]
    [InlineData]
    [InlineData("chain1notanaddress")]
    public async Task Show_without_a_usable_address_is_bad_input(params string[] args)
    {
        var run = await CliRun.InvokeAsync(["stake", "show", .. args, "--gateway", "127.0.0.1:1"]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.StartsWith("error: ", run.Error, StringComparison.Ordinal);
    }

    private string[] Stake(string[] args) =>
        ["stake", args[0], "--key", _aliceFile, .. args[1..].Select(a => a == "VALIDATOR" ? Validator : a)];

    private async Task<SignedTransaction> SignOfflineAsync(params string[] args)
    {
        var run = await CliRun.InvokeAsync([.. Stake(args), "--fee", "3", "--nonce", "9", "--chain-id", "devnet", "--offline", "--json"]);

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        var tx = SignedTransaction.Decode(Convert.FromHexString(json.RootElement.GetProperty("raw").GetString()!));
        Assert.True(tx.HasValidSignature());
        Assert.Equal(_alice.PublicKey, tx.Body.Sender);
        Assert.Equal(("devnet", 9UL, 3UL), (tx.Body.ChainId, tx.Body.Nonce, tx.Body.Fee));
        Assert.Equal(tx.Hash.ToString(), json.RootElement.GetProperty("hash").GetString());
        Assert.Equal(Display.Kebab(tx.Body.Payload.Kind), json.RootElement.GetProperty("type").GetString());
        return tx;
    }
}
