using Npgsql;

[assembly: AssemblyFixture(typeof(Chain.Tests.Integration.PostgresFixture))]

namespace Chain.Tests.Integration;

/// <summary>
/// One throwaway PostgreSQL server for the whole test assembly, started on first use. Each test (or class)
/// takes its own database from <see cref="CreateDatabaseAsync"/>. Without server binaries the tests that
/// ask for one skip with the reason, or fail under CI.
/// </summary>
public sealed class PostgresFixture : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private PgCluster? _cluster;
    private string? _unavailable;

    /// <summary>A new empty database; skips (or fails under CI) the calling test when no server can run.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var cluster = await ServerAsync();
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 33, 63)].ToLowerInvariant();
        await using (var connection = new NpgsqlConnection(cluster.ConnectionString("postgres")))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        return cluster.ConnectionString(name);
    }

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        _gate.Dispose();
    }

    private async Task<PgCluster> ServerAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_cluster is null && _unavailable is null)
            {
                var (bin, reason) = PgCluster.FindBinaries();
                if (bin is null)
                {
                    _unavailable = reason;
                }
                else
                {
                    _cluster = await PgCluster.StartAsync(bin);
                }
            }
        }
        finally
        {
            _gate.Release();
        }

        if (_cluster is null)
        {
            TestEnvironment.SkipOrFail(_unavailable!);
        }

        return _cluster!;
    }
}
