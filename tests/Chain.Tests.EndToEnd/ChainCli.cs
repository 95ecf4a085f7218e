using System.Text.Json;

namespace Chain.Tests.EndToEnd;

/// <summary>Runs the real `chain` CLI as a process against one silo, in JSON mode.</summary>
internal sealed class ChainCli(string gateway)
{
    public async Task<ProcessRun> RunAsync(params string[] args) =>
        await ProcessRun.RunAsync(RepoPaths.CliDll, [.. args, "--gateway", gateway, "--json"], TimeSpan.FromSeconds(60));

    /// <summary>Runs a command that must succeed and returns its JSON output.</summary>
    public async Task<JsonElement> JsonAsync(params string[] args)
    {
        var run = await RunAsync(args);
        Assert.True(run.ExitCode == 0, $"`chain {string.Join(' ', args)}` failed: {run}");
        return JsonDocument.Parse(run.Stdout).RootElement.Clone();
    }

    /// <summary>Runs a command the chain must refuse, and returns the typed error code it printed.</summary>
    public async Task<string> RefusedAsync(params string[] args)
    {
        var run = await RunAsync(args);
        Assert.True(run.ExitCode == 1, $"`chain {string.Join(' ', args)}` should be refused: {run}");
        Assert.StartsWith("error: ", run.Stderr, StringComparison.Ordinal);
        return JsonDocument.Parse(run.Stdout).RootElement.GetProperty("error").GetProperty("code").GetString()!;
    }
}
