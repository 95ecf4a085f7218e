using Chain.Client;
using ChainCli = Chain.Cli.Cli;

namespace Chain.Tests.Client;

/// <summary>One in-process run of the CLI with its captured output.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error)
{
    public static Task<CliRun> InvokeAsync(params string[] args) =>
        RunAsync(args, (gateway, ct) => ChainClient.ConnectAsync(gateway, ct));

    /// <summary>Runs against <paramref name="node"/> instead of a gateway.</summary>
    public static Task<CliRun> AgainstAsync(FakeNode node, params string[] args) =>
        RunAsync(args, (gateway, _) => Task.FromResult(node.Client(gateway)));

    private static async Task<CliRun> RunAsync(string[] args, Func<string, CancellationToken, Task<ChainClient>> connect)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await ChainCli.RunAsync(args, stdout, stderr, connect, TestContext.Current.CancellationToken);
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }
}
