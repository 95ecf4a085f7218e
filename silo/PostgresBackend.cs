using System.Net;
using Chain.Storage;
using Chain.Storage.Postgres;
using Marten;
using Npgsql;
using Orleans.Configuration;

namespace Chain.Silo;

/// <summary>
/// Production mode: one <see cref="NpgsqlDataSource"/> shared by Orleans ADO.NET clustering, ADO.NET grain
/// storage and the Marten event store of the grains' streams.
/// </summary>
public sealed class PostgresBackend(ChainSiloOptions options) : IAsyncDisposable
{
    private const string Invariant = "Npgsql";
    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(options.Postgres!);
    private DocumentStore? _store;

    public IEventLog? EventLog { get; private set; }

    /// <summary>Checks the database answers and, unless turned off, prepares its schema; returns a problem to report, or null.</summary>
    public async Task<string?> PrepareAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (options.InitializeDatabase)
            {
                await PostgresSchema.InitializeAsync(_dataSource, cancellationToken);
            }
            else
            {
                await using var command = _dataSource.CreateCommand("SELECT to_regclass('orleansmembershiptable') IS NOT NULL AND to_regclass('chain.mt_events') IS NOT NULL");
                if (await command.ExecuteScalarAsync(cancellationToken) is not true)
                {
                    return "the database has no Orleans or Marten tables: run `db init` (or drop --initialize-database false)";
                }
            }
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            return $"cannot use PostgreSQL ({e.Message}): check --postgres / CHAIN__POSTGRES and that the server is up";
        }

        _store = ChainMarten.CreateStore(_dataSource);
        EventLog = new MartenEventLog(_store);
        return null;
    }

    public void ConfigureSilo(ISiloBuilder silo)
    {
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = options.ClusterId;
            o.ServiceId = options.ServiceId;
        });
        if (options.Kubernetes)
        {
            silo.UseKubernetesHosting();
        }

        if (options.AdvertisedIp is { Length: > 0 } ip)
        {
            silo.ConfigureEndpoints(IPAddress.Parse(ip), options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: true);
        }
        else if (!options.Kubernetes)
        {
            silo.ConfigureEndpoints(options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: true);
        }

        if (options.ProbeTimeoutSeconds > 0)
        {
            silo.Configure<ClusterMembershipOptions>(o => o.ProbeTimeout = TimeSpan.FromSeconds(options.ProbeTimeoutSeconds));
        }

        silo.UseAdoNetClustering(o =>
        {
            o.Invariant = Invariant;
            o.DataSource = _dataSource;
        });
        silo.AddAdoNetGrainStorageAsDefault(o =>
        {
            o.Invariant = Invariant;
            o.DataSource = _dataSource;
        });
    }

    public async ValueTask DisposeAsync()
    {
        _store?.Dispose();
        await _dataSource.DisposeAsync();
    }
}
