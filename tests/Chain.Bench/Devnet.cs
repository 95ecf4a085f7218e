using System.Globalization;
using Chain.Tests.Processes;

namespace Chain.Bench;

/// <summary>
/// A devnet silo as a child process (<c>dotnet Chain.Silo.dll</c>, built next to this tool) on free ports and its
/// own data directory. Ready when it prints the banner's last line; disposing kills it.
/// </summary>
internal sealed class Devnet : IAsyncDisposable
{
    private readonly SiloChild _child;

    private Devnet(SiloChild child, string dataDir, int gatewayPort)
    {
        _child = child;
        DataDir = dataDir;
        GatewayPort = gatewayPort;
    }

    public string DataDir { get; }

    public int GatewayPort { get; }

    public string Gateway => $"localhost:{GatewayPort}";

    public string FaucetKeyPath => Path.Combine(DataDir, "keys", "faucet.json");

    public string LedgerPath => Path.Combine(DataDir, "ledger");

    public string Output => _child.Output;

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
        var gateway = SiloChild.FreePort();
        string[] args =
        [
            SiloDll, "--data-dir", dataDir, "--validators", $"{validators}", "--block-interval-ms", $"{blockIntervalMs}",
            "--gateway-port", $"{gateway}", "--silo-port", $"{SiloChild.FreePort()}",
        ];
        return new Devnet(await SiloChild.StartAsync(args, TimeSpan.FromSeconds(120)), dataDir, gateway);
    }

    /// <summary>The silo process's resident set (VmRSS) and its peak (VmHWM), in bytes, from /proc (Linux); working set elsewhere.</summary>
    public (long Rss, long PeakRss) Memory()
    {
        var status = $"/proc/{_child.Process.Id.ToString(CultureInfo.InvariantCulture)}/status";
        if (!File.Exists(status))
        {
            _child.Process.Refresh();
            return (_child.Process.WorkingSet64, _child.Process.PeakWorkingSet64);
        }

        long Field(string name) =>
            File.ReadLines(status).Where(l => l.StartsWith(name, StringComparison.Ordinal))
                .Select(l => long.Parse(l[name.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024).FirstOrDefault();
        return (Field("VmRSS:"), Field("VmHWM:"));
    }

    /// <summary>CPU time the silo process has used so far (user and kernel, all threads).</summary>
    public TimeSpan ProcessorTime()
    {
        _child.Process.Refresh();
        return _child.Process.TotalProcessorTime;
    }

    public static long DirectoryBytes(string path) =>
        Directory.Exists(path) ? new DirectoryInfo(path).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length) : 0;

    public ValueTask DisposeAsync() => _child.DisposeAsync();
}
