namespace Chain.Silo;

/// <summary>
/// Every setting the silo reads, bound from the <c>Chain</c> configuration section: <c>appsettings.json</c>,
/// then environment variables (<c>CHAIN__STORAGE=postgres</c>), then command-line flags (<c>--storage postgres</c>),
/// later sources winning. <see cref="SiloConfiguration.Load"/> binds and validates them.
/// </summary>
public sealed class ChainSiloOptions
{
    public const string Section = "Chain";

    /// <summary><c>rocksdb</c> (embedded, one silo, the default) or <c>postgres</c> (a cluster sharing PostgreSQL).</summary>
    public string Storage { get; set; } = "rocksdb";

    /// <summary>Npgsql connection string; required with <c>postgres</c>.</summary>
    public string? Postgres { get; set; }

    /// <summary>With <c>postgres</c>: prepare the database (Orleans tables, Marten tables) at start if needed; idempotent.
    /// Turn off where the silo's database user may not change the schema, and run <c>db init</c> instead.</summary>
    public bool InitializeDatabase { get; set; } = true;

    /// <summary>Orleans cluster id: silos with the same one form a cluster.</summary>
    public string ClusterId { get; set; } = GrainInterfaces.ClusterDefaults.ClusterId;

    /// <summary>Orleans service id: stable across deployments of the same chain.</summary>
    public string ServiceId { get; set; } = GrainInterfaces.ClusterDefaults.ServiceId;

    public int SiloPort { get; set; } = GrainInterfaces.ClusterDefaults.SiloPort;

    public int GatewayPort { get; set; } = GrainInterfaces.ClusterDefaults.GatewayPort;

    /// <summary>The address other silos reach this one at (postgres mode); empty: Orleans picks this host's address.</summary>
    public string? AdvertisedIp { get; set; }

    /// <summary>Port of the HTTP health endpoints (<c>/health/live</c>, <c>/health/ready</c>); 0 turns them off.</summary>
    public int HealthPort { get; set; }

    /// <summary>Directory for genesis, keys and the RocksDB ledger (a silo's own, never shared).</summary>
    public string DataDir { get; set; } = "chain-data";

    /// <summary>A genesis file to start a new data directory from, instead of writing a dev genesis.</summary>
    public string? Genesis { get; set; }

    /// <summary>Validator key files this silo hosts; empty: every <c>keys/validator-N.json</c> in the data directory.</summary>
    public List<string> ValidatorKeys { get; set; } = [];

    /// <summary><c>all</c> (the ledger and its validator keys), <c>ledger</c> (no validators) or <c>validator</c> (no ledger).</summary>
    public string Role { get; set; } = "all";

    /// <summary>With <c>postgres</c> on Kubernetes: Orleans Kubernetes hosting (silo name and address from the pod).</summary>
    public bool Kubernetes { get; set; }

    /// <summary>Seconds a silo may miss probes before peers vote it dead (Orleans ProbeTimeout); 0 keeps the Orleans default.</summary>
    public int ProbeTimeoutSeconds { get; set; }

    public int BlockIntervalMs { get; set; } = 250;

    /// <summary>Validators in a new dev genesis (ignored with <see cref="Genesis"/> or once the data directory exists).</summary>
    public int Validators { get; set; } = 1;

    public string ChainId { get; set; } = "chain-devnet";

    public ulong FaucetBalance { get; set; } = DevnetDataDirectory.DefaultFaucetBalance;

    /// <summary>Shards of a new dev genesis (1..64; ignored with <see cref="Genesis"/> or once the data directory exists).</summary>
    public int Shards { get; set; } = 1;

    /// <summary>Set when <see cref="Validators"/> was given explicitly (it must then match an existing data directory).</summary>
    internal bool ValidatorsGiven { get; set; }

    public bool UsesPostgres => string.Equals(Storage, "postgres", StringComparison.OrdinalIgnoreCase);

    public bool HostsLedger => !string.Equals(Role, "validator", StringComparison.OrdinalIgnoreCase);

    public bool HostsValidators => !string.Equals(Role, "ledger", StringComparison.OrdinalIgnoreCase);
}
