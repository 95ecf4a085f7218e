using ChainCli = Chain.Cli.Cli;

namespace Chain.Tests.Client;

/// <summary>One in-process run of the CLI with its captured output.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error)
{
    public static async Task<CliRun> InvokeAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await ChainCli.RunAsync(args, stdout, stderr, TestContext.Current.CancellationToken);
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }
}
