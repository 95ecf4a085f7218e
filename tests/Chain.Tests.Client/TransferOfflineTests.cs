using System.Text;
using System.Text.Json;
using Chain.Cli;
using Chain.Protocol.Crypto;
using Chain.Protocol.Files;
using Chain.Protocol.Transactions;

namespace Chain.Tests.Client;

public sealed class TransferOfflineTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly KeyPair _alice = KeyPair.Generate();
    private readonly KeyPair _bob = KeyPair.Generate();
    private readonly string _aliceFile;

    public TransferOfflineTests()
    {
        _aliceFile = _dir.File("alice.key");
        KeyFile.Write(_aliceFile, _alice);
    }

    public void Dispose()
    {
        _alice.Dispose();
        _bob.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task Offline_transfer_prints_a_signed_transaction_that_decodes_with_the_requested_fields()
    {
        var run = await CliRun.InvokeAsync(
            "transfer", "--key", _aliceFile, "--to", _bob.Address.ToString(), "--amount", "250", "--fee", "3",
            "--memo", "rent é", "--nonce", "7", "--chain-id", "devnet", "--offline", "--json");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        var tx = SignedTransaction.Decode(Convert.FromHexString(json.RootElement.GetProperty("raw").GetString()!));
        var transfer = Assert.IsType<Transfer>(tx.Body.Payload);
        Assert.Equal("devnet", tx.Body.ChainId);
        Assert.Equal(7UL, tx.Body.Nonce);
        Assert.Equal(3UL, tx.Body.Fee);
        Assert.Equal(_alice.PublicKey, tx.Body.Sender);
        Assert.Equal(_bob.Address, transfer.To);
        Assert.Equal(250UL, transfer.Amount);
        Assert.Equal("rent é", Encoding.UTF8.GetString(transfer.Memo));
        Assert.True(tx.HasValidSignature());
        Assert.Equal(tx.Hash.ToString(), json.RootElement.GetProperty("hash").GetString());
        Assert.Equal(250UL, json.RootElement.GetProperty("amount").GetUInt64());
    }

    [Fact]
    public async Task Offline_transfer_in_text_mode_prints_the_hash_and_raw_hex()
    {
        var run = await CliRun.InvokeAsync(
            "transfer", "--key", _aliceFile, "--to", _bob.Address.ToString(), "--amount", "1", "--nonce", "0", "--chain-id", "devnet", "--offline");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        var raw = run.Out.Split('\n').Single(l => l.StartsWith("raw:", StringComparison.Ordinal))["raw:".Length..].Trim();
        var tx = SignedTransaction.Decode(Convert.FromHexString(raw));
        Assert.Contains(tx.Hash.ToString(), run.Out, StringComparison.Ordinal);
        Assert.Equal(1UL, tx.Body.Fee); // no --fee offline: the default minimum fee
    }

    [Theory]
    [InlineData("--chain-id", "devnet")]
    [InlineData("--nonce", "0")]
    public async Task Offline_transfer_without_nonce_and_chain_id_is_bad_usage(string option, string value)
    {
        var run = await CliRun.InvokeAsync(
            "transfer", "--key", _aliceFile, "--to", _bob.Address.ToString(), "--amount", "1", option, value, "--offline");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--offline needs --nonce and --chain-id", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Out);
    }

    [Fact]
    public async Task A_misspelled_recipient_address_is_bad_input()
    {
        var address = _bob.Address.ToString();
        var typo = address[..^1] + (address[^1] == 'q' ? 'p' : 'q');

        var run = await CliRun.InvokeAsync(
            "transfer", "--key", _aliceFile, "--to", typo, "--amount", "1", "--nonce", "0", "--chain-id", "devnet", "--offline");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.StartsWith("error: --to", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_memo_over_the_protocol_limit_is_bad_input()
    {
        var run = await CliRun.InvokeAsync(
            "transfer", "--key", _aliceFile, "--to", _bob.Address.ToString(), "--amount", "1",
            "--memo", new string('x', 257), "--nonce", "0", "--chain-id", "devnet", "--offline");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--memo is 257 bytes", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_negative_amount_is_a_usage_error()
    {
        var run = await CliRun.InvokeAsync(
            "transfer", "--key", _aliceFile, "--to", _bob.Address.ToString(), "--amount", "-5", "--nonce", "0", "--chain-id", "devnet", "--offline");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.StartsWith("error: ", run.Error, StringComparison.Ordinal);
    }
}
