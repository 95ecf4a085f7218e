using System.Globalization;
using Chain.Protocol;
using Microsoft.Extensions.Configuration;

namespace Chain.Silo;

/// <summary>Loads <see cref="ChainSiloOptions"/> from the standard .NET configuration sources and says what is wrong with them.</summary>
public static class SiloConfiguration
{
    /// <summary>
    /// appsettings.json (next to the silo, then in the working directory), environment variables, then
    /// <paramref name="commandLine"/> (keys relative to the Chain section). Returns the options, or the problems
    /// in a form an operator can act on.
    /// </summary>
    public static (ChainSiloOptions? Options, IReadOnlyList<string> Problems) Load(IReadOnlyDictionary<string, string?> commandLine)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .AddInMemoryCollection(commandLine.Select(kv => KeyValuePair.Create($"{ChainSiloOptions.Section}:{kv.Key}", kv.Value)))
            .Build();
        var options = new ChainSiloOptions();
        var section = configuration.GetSection(ChainSiloOptions.Section);
        try
        {
            section.Bind(options, o => o.ErrorOnUnknownConfiguration = true);
        }
        catch (InvalidOperationException e)
        {
            return (null, [$"{e.Message} (settings are Chain:<Name> in appsettings.json, CHAIN__<NAME> in the environment, --<name> on the command line; see `--help`)"]);
        }

        options.ValidatorsGiven = section[nameof(ChainSiloOptions.Validators)] is not null;
        var problems = Validate(options);
        return (problems.Count == 0 ? options : null, problems);
    }

    public static List<string> Validate(ChainSiloOptions o)
    {
        var problems = new List<string>();
        if (!o.UsesPostgres && !string.Equals(o.Storage, "rocksdb", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"Storage is '{o.Storage}': use rocksdb or postgres (--storage, CHAIN__STORAGE)");
        }

        if (o.UsesPostgres)
        {
            if (string.IsNullOrWhiteSpace(o.Postgres))
            {
                problems.Add("Storage postgres needs a connection string: --postgres \"Host=...;Database=...;Username=...;Password=...\" (CHAIN__POSTGRES)");
            }
            else
            {
                try
                {
                    _ = new Npgsql.NpgsqlConnectionStringBuilder(o.Postgres);
                }
                catch (ArgumentException e)
                {
                    problems.Add($"Postgres is not a valid Npgsql connection string: {e.Message}");
                }
            }
        }
        else if (o.Kubernetes)
        {
            problems.Add("Kubernetes hosting needs --storage postgres: a cluster of pods shares its membership and event store in PostgreSQL");
        }

        foreach (var (name, value) in new[] { ("SiloPort", o.SiloPort), ("GatewayPort", o.GatewayPort) })
        {
            if (value is < 1 or > 65535)
            {
                problems.Add($"{name} is {value}: use 1..65535");
            }
        }

        if (o.HealthPort is < 0 or > 65535)
        {
            problems.Add($"HealthPort is {o.HealthPort}: use 1..65535, or 0 for no health endpoint");
        }

        if (o.SiloPort == o.GatewayPort || o.HealthPort == o.SiloPort || o.HealthPort == o.GatewayPort)
        {
            problems.Add($"SiloPort ({o.SiloPort}), GatewayPort ({o.GatewayPort}) and HealthPort ({o.HealthPort}) must differ");
        }

        if (!string.IsNullOrEmpty(o.AdvertisedIp) && !System.Net.IPAddress.TryParse(o.AdvertisedIp, out _))
        {
            problems.Add($"AdvertisedIp '{o.AdvertisedIp}' is not an IP address");
        }

        foreach (var (name, value) in new[] { ("ClusterId", o.ClusterId), ("ServiceId", o.ServiceId) })
        {
            if (string.IsNullOrWhiteSpace(value) || value.Length > 150)
            {
                problems.Add($"{name} must be 1..150 characters");
            }
        }

        if (o.Role.ToLowerInvariant() is not ("all" or "ledger" or "validator"))
        {
            problems.Add($"Role is '{o.Role}': use all, ledger or validator (--role, CHAIN__ROLE)");
        }

        if (string.IsNullOrWhiteSpace(o.DataDir))
        {
            problems.Add("DataDir is empty (--data-dir, CHAIN__DATADIR)");
        }

        if (o.Genesis is { Length: > 0 } genesis && !File.Exists(genesis))
        {
            problems.Add($"Genesis file {genesis} does not exist");
        }

        problems.AddRange(o.ValidatorKeys.Where(k => !File.Exists(k)).Select(k => $"validator key file {k} does not exist (ValidatorKeys, --validator-key)"));
        if (!ChainId.IsValid(o.ChainId))
        {
            problems.Add("ChainId must be 1..32 characters of [a-z0-9-] (--chain-id)");
        }

        if (o.Validators is < 1 or > DevnetDataDirectory.MaxDevnetValidators)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"Validators must be 1..{DevnetDataDirectory.MaxDevnetValidators} (--validators)"));
        }

        if (o.Shards is < 1 or > Chain.Protocol.ProtocolLimits.MaxShards)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"Shards must be 1..{Chain.Protocol.ProtocolLimits.MaxShards} (--shards)"));
        }

        if (o.BlockIntervalMs < 1 || o.ProbeTimeoutSeconds < 0)
        {
            problems.Add("BlockIntervalMs must be positive and ProbeTimeoutSeconds not negative");
        }

        return problems;
    }
}
