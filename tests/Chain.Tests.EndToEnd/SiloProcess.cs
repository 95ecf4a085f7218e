using Chain.Tests.Processes;

namespace Chain.Tests.EndToEnd;

/// <summary>
/// The real silo as a child process on free ports (<see cref="SiloChild"/>), with a 100 ms block interval.
/// <see cref="KillHard"/> sends SIGKILL, nothing graceful.
/// </summary>
internal sealed class SiloProcess : IAsyncDisposable
{
    private readonly SiloChild _child;

    private SiloProcess(SiloChild child, int gatewayPort)
    {
        _child = child;
        GatewayPort = gatewayPort;
    }

    public int GatewayPort { get; }

    public string Gateway => $"localhost:{GatewayPort}";

    public string Output => _child.Output;

    public static async Task<SiloProcess> StartAsync(string dataDir, int? gatewayPort = null, int? siloPort = null, params string[] extraArgs)
    {
        var gateway = gatewayPort ?? SiloChild.FreePort();
        string[] args = [RepoPaths.SiloDll, "--data-dir", dataDir, "--gateway-port", $"{gateway}", "--silo-port", $"{siloPort ?? SiloChild.FreePort()}", "--block-interval-ms", "100", .. extraArgs];
        return new SiloProcess(await SiloChild.StartAsync(args, TimeSpan.FromSeconds(90)), gateway);
    }

    /// <summary>SIGKILL: the process gets no chance to flush or shut down.</summary>
    public Task KillHard() => _child.KillHardAsync();

    public ValueTask DisposeAsync() => _child.DisposeAsync();
}
