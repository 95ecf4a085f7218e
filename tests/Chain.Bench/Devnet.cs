using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Chain.Bench;

/// <summary>
/// A devnet silo as a child process (<c>dotnet Chain.Silo.dll</c>, built next to this tool) on free ports and its
/// own data directory. Ready when it prints the banner's last line; disposing kills it.
/// </summary>
internal sealed class Devnet : IAsyncDisposable
{
    private const string ReadyLine = "Press Ctrl-C to stop.";
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private Devnet(string dataDir, int validators, int blockIntervalMs)
    {
        DataDir = dataDir;
        GatewayPort = FreePort();
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        string[] args =
        [
            SiloDll, "--data-dir", dataDir, "--validators", $"{validators}", "--block-interval-ms", $"{blockIntervalMs}",
            "--gateway-port", $"{GatewayPort}", "--silo-port", $"{FreePort()}",
        ];
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        _process = new Process { StartInfo = info, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => OnLine(e.Data);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        _process.Exited += (_, _) => _ready.TrySetException(new InvalidOperationException($"the silo exited early:\n{Output}"));
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string DataDir { get; }

    public int GatewayPort { get; }

    public string Gateway => $"localhost:{GatewayPort}";

    public string FaucetKeyPath => Path.Combine(DataDir, "keys", "faucet.json");

    public string LedgerPath => Path.Combine(DataDir, "ledger");

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

    /// <summary>The silo built with this tool's configuration: <c>silo/bin/CONFIG/net10.0/Chain.Silo.dll</c> under the repository root.</summary>
    public static string SiloDll
    {
        get
        {
            var config = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Chain.sln")))
                {
                    var path = Path.Combine(dir.FullName, "silo", "bin", config, "net10.0", "Chain.Silo.dll");
                    return File.Exists(path) ? path : throw new FileNotFoundException($"{path} is missing; build the solution first", path);
                }
            }

            throw new InvalidOperationException("Chain.sln not found above the tool's directory");
        }
    }

    public static async Task<Devnet> StartAsync(string dataDir, int validators, int blockIntervalMs)
    {
        var devnet = new Devnet(dataDir, validators, blockIntervalMs);
        await devnet._ready.Task.WaitAsync(TimeSpan.FromSeconds(120));
        return devnet;
    }

    /// <summary>The silo process's resident set (VmRSS) and its peak (VmHWM), in bytes, from /proc (Linux); working set elsewhere.</summary>
    public (long Rss, long PeakRss) Memory()
    {
        var status = $"/proc/{_process.Id.ToString(CultureInfo.InvariantCulture)}/status";
        if (!File.Exists(status))
        {
            _process.Refresh();
            return (_process.WorkingSet64, _process.PeakWorkingSet64);
        }

        long Field(string name) =>
            File.ReadLines(status).Where(l => l.StartsWith(name, StringComparison.Ordinal))
                .Select(l => long.Parse(l[name.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024).FirstOrDefault();
        return (Field("VmRSS:"), Field("VmHWM:"));
    }

    public static long DirectoryBytes(string path) =>
        Directory.Exists(path) ? new DirectoryInfo(path).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length) : 0;

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
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
