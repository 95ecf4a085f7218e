using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Chain.Tests.EndToEnd;

/// <summary>
/// The real silo as a child process on free ports. Ready when it prints its banner's last line;
/// <see cref="KillHard"/> sends SIGKILL, nothing graceful.
/// </summary>
internal sealed class SiloProcess : IAsyncDisposable
{
    private const string ReadyLine = "Press Ctrl-C to stop.";
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SiloProcess(string dataDir, int gatewayPort, int siloPort, string[] extraArgs)
    {
        GatewayPort = gatewayPort;
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        string[] args = [RepoPaths.SiloDll, "--data-dir", dataDir, "--gateway-port", $"{gatewayPort}", "--silo-port", $"{siloPort}", "--block-interval-ms", "100", .. extraArgs];
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        _process = new Process { StartInfo = info, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => OnLine(e.Data);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        _process.Exited += (_, _) => _ready.TrySetException(new InvalidOperationException($"silo exited early:\n{Output}"));
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int GatewayPort { get; }

    public string Gateway => $"localhost:{GatewayPort}";

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<SiloProcess> StartAsync(string dataDir, int? gatewayPort = null, int? siloPort = null, params string[] extraArgs)
    {
        var silo = new SiloProcess(dataDir, gatewayPort ?? FreePort(), siloPort ?? FreePort(), extraArgs);
        await silo._ready.Task.WaitAsync(TimeSpan.FromSeconds(90));
        return silo;
    }

    /// <summary>SIGKILL: the process gets no chance to flush or shut down.</summary>
    public async Task KillHard()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillHard();
        }

        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (line.Contains(ReadyLine, StringComparison.Ordinal))
        {
            _ready.TrySetResult();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
