using System.CommandLine;

namespace Chain.Silo;

/// <summary>The silo's command line: where data lives, which ports to use, how fast to seal blocks.</summary>
public static class SiloCommand
{
    public static RootCommand Create(Func<SiloSettings, CancellationToken, Task<int>> run)
    {
        var dataDir = new Option<string>("--data-dir")
        {
            Description = "Directory for genesis, keys and the RocksDB ledger. Created with a dev genesis on first start.",
            DefaultValueFactory = _ => "chain-data",
        };
        var gatewayPort = new Option<int>("--gateway-port")
        {
            Description = "Orleans gateway port that clients and the `chain` CLI connect to.",
            DefaultValueFactory = _ => Chain.GrainInterfaces.ClusterDefaults.GatewayPort,
        };
        var siloPort = new Option<int>("--silo-port")
        {
            Description = "Port for silo-to-silo traffic.",
            DefaultValueFactory = _ => Chain.GrainInterfaces.ClusterDefaults.SiloPort,
        };
        var blockInterval = new Option<int>("--block-interval-ms")
        {
            Description = "After a block is final, collect transactions this long (milliseconds) before starting the next one.",
            DefaultValueFactory = _ => 250,
        };
        var validators = new Option<int>("--validators")
        {
            Description = "Number of validators in a new dev genesis, all hosted by this silo (1..64; ignored once the data directory exists, where it must match).",
            DefaultValueFactory = _ => 1,
        };
        var chainId = new Option<string>("--chain-id")
        {
            Description = "Chain id for a new dev genesis (ignored once the data directory exists).",
            DefaultValueFactory = _ => "chain-devnet",
        };
        var faucet = new Option<ulong>("--faucet-balance")
        {
            Description = "Units given to the faucet account in a new dev genesis.",
            DefaultValueFactory = _ => DevnetDataDirectory.DefaultFaucetBalance,
        };

        var root = new RootCommand(
            """
            Chain node: runs a single-silo devnet on an embedded RocksDB data directory.

            First start writes a dev genesis and a funded faucet key under the data directory and prints
            both paths. Stop with Ctrl-C; a restart resumes at the same height and state root.

            Example:
              dotnet run --project silo -- --data-dir ./chain-data
              dotnet run --project silo -- --data-dir ./bft-data --validators 4
              chain transfer --key ./chain-data/keys/faucet.json --to <ADDRESS> --amount 1000 --wait
            """)
        {
            dataDir, gatewayPort, siloPort, blockInterval, validators, chainId, faucet,
        };
        root.SetAction((parse, ct) =>
        {
            var settings = new SiloSettings(
                parse.GetValue(dataDir)!,
                parse.GetValue(gatewayPort),
                parse.GetValue(siloPort),
                TimeSpan.FromMilliseconds(Math.Max(10, parse.GetValue(blockInterval))),
                parse.GetValue(chainId)!,
                parse.GetValue(faucet),
                parse.GetValue(validators),
                parse.GetResult(validators) is { Implicit: false });
            return run(settings, ct);
        });
        return root;
    }
}

/// <summary>Parsed silo settings.</summary>
public sealed record SiloSettings(
    string DataDir, int GatewayPort, int SiloPort, TimeSpan BlockInterval, string ChainId, ulong FaucetBalance, int Validators = 1, bool ValidatorsGiven = false);
