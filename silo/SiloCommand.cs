using System.CommandLine;
using System.Globalization;

namespace Chain.Silo;

/// <summary>
/// The silo's command line. Every flag is a setting of <see cref="ChainSiloOptions"/> and overrides
/// appsettings.json and CHAIN__* environment variables; subcommands prepare a database or a devnet directory.
/// </summary>
public static class SiloCommand
{
    public static RootCommand Create(Func<ChainSiloOptions, CancellationToken, Task<int>> run)
    {
        var flags = new List<(Option Option, string Key)>();
        Option<T> Flag<T>(string name, string key, string description)
        {
            var option = new Option<T>(name) { Description = description };
            flags.Add((option, key));
            return option;
        }

        var validatorKeys = Flag<string[]>("--validator-key", nameof(ChainSiloOptions.ValidatorKeys), "A validator key file this silo hosts (repeat for several). Default: every keys/validator-N.json in the data directory.");
        validatorKeys.AllowMultipleArgumentsPerToken = false;
        Option[] options =
        [
            Flag<string>("--data-dir", nameof(ChainSiloOptions.DataDir), "Directory for genesis, keys and the RocksDB ledger. Created with a dev genesis on first start. Default: chain-data."),
            Flag<int>("--gateway-port", nameof(ChainSiloOptions.GatewayPort), "Orleans gateway port that clients and the `chain` CLI connect to. Default: 30000."),
            Flag<int>("--silo-port", nameof(ChainSiloOptions.SiloPort), "Port for silo-to-silo traffic. Default: 11111."),
            Flag<int>("--block-interval-ms", nameof(ChainSiloOptions.BlockIntervalMs), "After a block is final, collect transactions this long (milliseconds) before starting the next one. Default: 250."),
            Flag<int>("--validators", nameof(ChainSiloOptions.Validators), "Number of validators in a new dev genesis, all hosted by this silo (1..64; ignored once the data directory exists, where it must match)."),
            Flag<int>("--shards", nameof(ChainSiloOptions.Shards), "Shards in a new dev genesis (1..64, default 1): accounts map to shards by address and transfers between shards go by receipt. Ignored once the data directory exists."),
            Flag<string>("--chain-id", nameof(ChainSiloOptions.ChainId), "Chain id for a new dev genesis (ignored once the data directory exists). Default: chain-devnet."),
            Flag<ulong>("--faucet-balance", nameof(ChainSiloOptions.FaucetBalance), "Units given to the faucet account in a new dev genesis."),
            Flag<string>("--storage", nameof(ChainSiloOptions.Storage), "rocksdb (embedded, the default) or postgres (Orleans clustering and the event store in PostgreSQL; RocksDB stays the silo's local replica)."),
            Flag<string>("--postgres", nameof(ChainSiloOptions.Postgres), "Npgsql connection string, for --storage postgres."),
            Flag<bool>("--initialize-database", nameof(ChainSiloOptions.InitializeDatabase), "With postgres: create missing tables at start (default true; idempotent). See also `db init`."),
            Flag<string>("--cluster-id", nameof(ChainSiloOptions.ClusterId), "Orleans cluster id; silos sharing it (and the database) form one cluster."),
            Flag<string>("--service-id", nameof(ChainSiloOptions.ServiceId), "Orleans service id."),
            Flag<string>("--advertised-ip", nameof(ChainSiloOptions.AdvertisedIp), "Address other silos reach this one at (postgres mode). Default: this host's."),
            Flag<int>("--health-port", nameof(ChainSiloOptions.HealthPort), "HTTP port for /health/live and /health/ready (0: none, the default)."),
            Flag<string>("--genesis", nameof(ChainSiloOptions.Genesis), "Start a new data directory from this genesis file instead of a dev genesis."),
            validatorKeys,
            Flag<string>("--role", nameof(ChainSiloOptions.Role), "all (ledger and validators, the default), ledger (no validators) or validator (no ledger)."),
            Flag<bool>("--kubernetes", nameof(ChainSiloOptions.Kubernetes), "Orleans Kubernetes hosting: silo name and address from the pod (needs postgres)."),
            Flag<int>("--probe-timeout-seconds", nameof(ChainSiloOptions.ProbeTimeoutSeconds), "How long a silo may miss membership probes before peers vote it dead (default: Orleans')."),
        ];

        var root = new RootCommand(
            """
            Chain node: runs a single-silo devnet on an embedded RocksDB data directory, or one silo of a
            cluster that shares PostgreSQL (--storage postgres).

            First start writes a dev genesis and a funded faucet key under the data directory and prints
            both paths. Stop with Ctrl-C; a restart resumes at the same height and state root.
            Every flag can also come from appsettings.json (Chain:<Name>) or the environment (CHAIN__<NAME>).

            Example:
              dotnet run --project silo -- --data-dir ./chain-data
              dotnet run --project silo -- --data-dir ./bft-data --validators 4
              dotnet run --project silo -- --data-dir ./sharded --shards 4
              dotnet run --project silo -- --storage postgres --postgres "Host=localhost;Database=chain;Username=chain;Password=..."
              chain transfer --key ./chain-data/keys/faucet.json --to <ADDRESS> --amount 1000 --wait
            """);
        foreach (var option in options)
        {
            root.Options.Add(option);
        }

        root.SetAction((parse, ct) =>
        {
            var given = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            foreach (var (option, key) in flags)
            {
                if (parse.GetResult(option) is not { Implicit: false } result)
                {
                    continue;
                }

                switch (result.GetValueOrDefault<object?>())
                {
                    case string[] many:
                        for (var i = 0; i < many.Length; i++)
                        {
                            given[$"{key}:{i.ToString(CultureInfo.InvariantCulture)}"] = many[i];
                        }

                        break;
                    case IFormattable formattable:
                        given[key] = formattable.ToString(null, CultureInfo.InvariantCulture);
                        break;
                    case var value:
                        given[key] = value?.ToString();
                        break;
                }
            }

            var (loaded, problems) = SiloConfiguration.Load(given);
            if (loaded is null)
            {
                foreach (var problem in problems)
                {
                    Console.Error.WriteLine($"error: {problem}");
                }

                return Task.FromResult(2);
            }

            return run(loaded, ct);
        });
        root.Subcommands.Add(DbCommand.Create());
        root.Subcommands.Add(DevnetCommand.Create());
        return root;
    }
}
