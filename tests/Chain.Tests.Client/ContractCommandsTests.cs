using Chain.Cli;
using Chain.Client;

namespace Chain.Tests.Client;

public sealed class ContractCommandsTests
{
    [Fact]
    public async Task A_file_that_is_not_a_wasm_module_is_refused_before_anything_is_sent()
    {
        using var dir = new TempDirectory();
        var key = dir.File("k.json");
        Assert.Equal(ExitCodes.Ok, (await CliRun.InvokeAsync(["keys", "new", "--out", key])).ExitCode);
        var text = dir.File("counter.wat");
        await File.WriteAllTextAsync(text, "(module)", TestContext.Current.CancellationToken);

        var run = await CliRun.InvokeAsync(["deploy", "--key", key, "--wasm", text, "--gateway", "nowhere:1"]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("not a WebAssembly 1.0 binary module", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("call", "--method", "__start")]
    [InlineData("call", "--method", "init")]
    [InlineData("call", "--args", "{not json")]
    [InlineData("call", "--gas", "0")]
    [InlineData("query", "--args", "[1,")]
    public async Task Bad_contract_arguments_are_usage_errors(string command, string option, string value)
    {
        using var dir = new TempDirectory();
        var key = dir.File("k.json");
        Assert.Equal(ExitCodes.Ok, (await CliRun.InvokeAsync(["keys", "new", "--out", key])).ExitCode);
        string[] args = command == "call"
            ? ["call", "--key", key, "--contract", KeyAddress(), "--method", "m", option, value, "--gateway", "nowhere:1"]
            : ["query", "--contract", KeyAddress(), "--method", "m", option, value, "--gateway", "nowhere:1"];

        var run = await CliRun.InvokeAsync(args);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
    }

    [Fact]
    public void The_module_check_accepts_a_minimal_module_and_rejects_a_truncated_section()
    {
        byte[] minimal = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
        byte[] truncated = [.. minimal, 0x01, 0x05, 0x00];

        Assert.Null(WasmModuleCheck.Problem(minimal));
        Assert.NotNull(WasmModuleCheck.Problem(truncated));
    }

    private static string KeyAddress()
    {
        using var key = Chain.Protocol.Crypto.KeyPair.Generate();
        return key.Address.ToString();
    }
}
