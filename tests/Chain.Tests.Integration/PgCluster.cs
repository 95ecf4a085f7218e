using System.Diagnostics;
using System.Globalization;

namespace Chain.Tests.Integration;

/// <summary>
/// A throwaway PostgreSQL server: <c>initdb</c> into a short temporary directory, <c>pg_ctl start</c> listening
/// only on a unix socket in that directory (no TCP port, so nothing can clash), no fsync. As root the server
/// runs as the <c>postgres</c> user (initdb refuses root) or the user named by <c>PG_TEST_USER</c>.
/// Binaries: <c>PG_BIN</c>, else the highest <c>/usr/lib/postgresql/N/bin</c>, else PATH.
/// </summary>
public sealed class PgCluster : IAsyncDisposable
{
    private const int Port = 5432;
    private readonly string _bin;
    private readonly string? _runAs;

    private PgCluster(string bin, string directory, string? runAs)
    {
        _bin = bin;
        Directory = directory;
        _runAs = runAs;
    }

    /// <summary>The temporary directory: data, log and the socket.</summary>
    public string Directory { get; }

    /// <summary>The bin directory holding initdb and pg_ctl, or null with the reason they were not found.</summary>
    public static (string? Bin, string Reason) FindBinaries()
    {
        if (Environment.GetEnvironmentVariable("PG_BIN") is { Length: > 0 } pgBin)
        {
            return File.Exists(Path.Combine(pgBin, "initdb")) ? (pgBin, "") : (null, $"PG_BIN={pgBin} holds no initdb");
        }

        const string debian = "/usr/lib/postgresql";
        if (System.IO.Directory.Exists(debian))
        {
            var best = System.IO.Directory.GetDirectories(debian)
                .Select(d => (Dir: Path.Combine(d, "bin"), Major: int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var m) ? m : 0))
                .Where(x => File.Exists(Path.Combine(x.Dir, "initdb")))
                .OrderByDescending(x => x.Major)
                .FirstOrDefault();
            if (best.Dir is not null)
            {
                return (best.Dir, "");
            }
        }

        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            if (File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")))
            {
                return (dir, "");
            }
        }

        return (null, "PostgreSQL server binaries (initdb, pg_ctl) not found: install them (Debian: apt-get install postgresql) or set PG_BIN");
    }

    /// <summary>Starts a server; <paramref name="durable"/> keeps fsync on (benchmarks), tests run without it.</summary>
    public static async Task<PgCluster> StartAsync(string bin, bool durable = false)
    {
        ReapOrphans();
        var directory = Path.Combine("/tmp", $"pgtest-{Guid.NewGuid().ToString("N")[..12]}");
        System.IO.Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, "owner.pid"), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        string? runAs = null;
        if (Environment.UserName == "root")
        {
            runAs = Environment.GetEnvironmentVariable("PG_TEST_USER") is { Length: > 0 } user ? user : "postgres";
            await RunAsync("chown", null, "-R", runAs, directory);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var cluster = new PgCluster(bin, directory, runAs);
        try
        {
            await cluster.RunPgAsync("initdb", "-D", cluster.DataDirectory, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync");
            await cluster.RunPgAsync(
                "pg_ctl", "-D", cluster.DataDirectory, "-l", Path.Combine(directory, "server.log"), "-w", "-t", "60", "-o",
                $"-p {Port} -k {directory} -c listen_addresses='' {(durable ? "" : "-c fsync=off -c synchronous_commit=off -c full_page_writes=off")} -c max_connections=300",
                "start");
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return cluster;
    }

    /// <summary>Npgsql connection string for <paramref name="database"/> on this server.</summary>
    public string ConnectionString(string database) =>
        $"Host={Directory};Port={Port};Username=postgres;Database={database};Pooling=true;Maximum Pool Size=50";

    public async ValueTask DisposeAsync()
    {
        Npgsql.NpgsqlConnection.ClearAllPools();
        try
        {
            await RunPgAsync("pg_ctl", "-D", DataDirectory, "-m", "fast", "-w", "stop");
        }
        catch (InvalidOperationException)
        {
            // Never started, or already gone: removing the directory is all that is left.
        }

        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private string DataDirectory => Path.Combine(Directory, "data");

    private Task RunPgAsync(string tool, params string[] args) =>
        _runAs is null
            ? RunAsync(Path.Combine(_bin, tool), Directory, args)
            : RunAsync("runuser", "/tmp", ["-u", _runAs, "--", Path.Combine(_bin, tool), .. args]);

    private static async Task RunAsync(string file, string? workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory ?? "/tmp" };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited with {process.ExitCode}:\n{await stdout}\n{await stderr}");
        }
    }

    /// <summary>Stops and removes servers left by test processes that died without cleaning up.</summary>
    private static void ReapOrphans()
    {
        foreach (var dir in System.IO.Directory.GetDirectories("/tmp", "pgtest-*"))
        {
            var pidFile = Path.Combine(dir, "owner.pid");
            if (!File.Exists(pidFile) || !int.TryParse(File.ReadAllText(pidFile), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || IsAlive(pid))
            {
                continue;
            }

            var postmaster = Path.Combine(dir, "data", "postmaster.pid");
            if (File.Exists(postmaster) && int.TryParse(File.ReadLines(postmaster).FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var serverPid) && IsAlive(serverPid))
            {
                try
                {
                    Process.GetProcessById(serverPid).Kill();
                }
                catch (InvalidOperationException)
                {
                    // Exited meanwhile.
                }
            }

            try
            {
                System.IO.Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
                // Still shutting down; the next run takes it.
            }
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
