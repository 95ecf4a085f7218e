using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Chain.Cli;

namespace Chain.Tests.Client;

/// <summary>Bad input is caught before any node is contacted: exit code 2 and one "error: " line.</summary>
public sealed class CliInputTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("chain1notanaddress")]
    [InlineData("cosmos1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq")]
    [InlineData("")]
    public async Task Balance_of_a_bad_address_is_bad_input(string address)
    {
        var run = await CliRun.InvokeAsync("balance", address, "--gateway", "127.0.0.1:1");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.StartsWith("error: ADDR", run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task With_json_an_error_is_also_a_json_object_on_stdout()
    {
        var run = await CliRun.InvokeAsync("balance", "nope", "--json");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        var error = json.RootElement.GetProperty("error");
        Assert.Equal("invalid-input", error.GetProperty("code").GetString());
        Assert.Contains("is not an address", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("xyz")]
    [InlineData("abc")]
    [InlineData("0xg1")]
    public async Task Send_raw_of_text_that_is_not_hex_is_bad_input(string hex)
    {
        var run = await CliRun.InvokeAsync("tx", "send-raw", hex, "--gateway", "127.0.0.1:1");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("is not hex", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_raw_of_a_file_that_does_not_hold_hex_is_bad_input()
    {
        var path = _dir.File("tx.hex");
        await File.WriteAllTextAsync(path, "01 02 zz", TestContext.Current.CancellationToken);

        var run = await CliRun.InvokeAsync("tx", "send-raw", "@" + path, "--gateway", "127.0.0.1:1");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains($"the contents of {path} is not hex", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_raw_of_a_missing_file_is_bad_input()
    {
        var run = await CliRun.InvokeAsync("tx", "send-raw", "@" + _dir.File("missing.hex"), "--gateway", "127.0.0.1:1");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.StartsWith("error: cannot read", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Hex_from_a_file_is_passed_through_byte_for_byte_whatever_it_encodes()
    {
        var path = _dir.File("tx.hex");
        File.WriteAllText(path, "0x00ff10\n20 30\n");

        Assert.Equal(new byte[] { 0x00, 0xff, 0x10, 0x20, 0x30 }, Inputs.HexBytes("@" + path));
        Assert.Equal(new byte[] { 0xde, 0xad }, Inputs.HexBytes("DEAD"));
        Assert.Empty(Inputs.HexBytes(string.Empty));
    }

    [Theory]
    [InlineData("tx", "1234")]
    [InlineData("block", "-1")]
    [InlineData("block", "tip")]
    public async Task A_bad_hash_or_height_is_bad_input(string command, string value)
    {
        var run = await CliRun.InvokeAsync(command, value, "--gateway", "127.0.0.1:1");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.StartsWith("error: ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_gateway_is_bad_input()
    {
        var run = await CliRun.InvokeAsync("status", "--gateway", "localhost:notaport");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("is not HOST:PORT", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bogus")]
    [InlineData("transfer", "--to")]
    [InlineData("keys", "new")]
    [InlineData("status", "--no-such-option")]
    public async Task Unknown_commands_and_missing_options_are_usage_errors(params string[] args)
    {
        var run = await CliRun.InvokeAsync(args);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.StartsWith("error: ", run.Error, StringComparison.Ordinal);
        Assert.Contains("--help", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("chain keys new --out alice.key")]
    [InlineData("chain keys new --out alice.key", "keys")]
    [InlineData("chain keys new --out alice.key", "keys", "new")]
    [InlineData("chain keys show alice.key", "keys", "show")]
    [InlineData("chain transfer --key alice.key", "transfer")]
    [InlineData("chain tx send-raw @tx.hex", "tx")]
    [InlineData("chain tx send-raw 0106646576", "tx", "send-raw")]
    [InlineData("chain balance chain1… --prove --genesis genesis.json", "balance")]
    [InlineData("chain block 42 --genesis genesis.json", "block")]
    [InlineData("chain status", "status")]
    public async Task Help_on_every_command_describes_it_and_shows_an_example(string example, params string[] command)
    {
        var run = await CliRun.InvokeAsync([.. command, "--help"]);

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Contains("Description:", run.Out, StringComparison.Ordinal);
        Assert.Contains("Examples:", run.Out, StringComparison.Ordinal);
        Assert.Contains(example, run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_gateway_fails_within_seconds_with_exit_code_3_and_says_to_start_the_silo()
    {
        var port = ClosedPort();
        var elapsed = Stopwatch.StartNew();

        var run = await CliRun.InvokeAsync("status", "--gateway", $"127.0.0.1:{port}", "--json");

        Assert.Equal(ExitCodes.Unreachable, run.ExitCode);
        Assert.True(elapsed.Elapsed < TimeSpan.FromSeconds(20), $"gave up only after {elapsed.Elapsed}");
        Assert.StartsWith("error: cannot reach a chain node", run.Error, StringComparison.Ordinal);
        Assert.Contains("dotnet run --project silo", run.Error, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(run.Out);
        Assert.Equal("unreachable", json.RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    /// <summary>A loopback port nothing listens on: bound by the OS, then released.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
