using System.CommandLine;

namespace Chain.Silo;

/// <summary><c>devnet init</c>: writes a dev genesis and keys without starting a silo, to hand out to several silos.</summary>
public static class DevnetCommand
{
    public static Command Create()
    {
        var dataDir = new Option<string>("--data-dir") { Description = "Directory to write genesis.json and keys/ into.", Required = true };
        var validators = new Option<int>("--validators") { Description = "Validators in the genesis (1..64).", DefaultValueFactory = _ => 4 };
        var chainId = new Option<string>("--chain-id") { Description = "Chain id.", DefaultValueFactory = _ => "chain-devnet" };
        var shards = new Option<int>("--shards") { Description = "Shards (1..64): accounts map to shards by address; transfers between shards go by receipt.", DefaultValueFactory = _ => 1 };
        var init = new Command(
            "init",
            """
            Writes a dev genesis, one key per validator and a funded faucet key, then exits. Start each silo of a
            cluster with --genesis DIR/genesis.json and the --validator-key files it should host.

            Example:
              dotnet run --project silo -- devnet init --data-dir ./cluster --validators 4
              dotnet run --project silo -- devnet init --data-dir ./cluster --validators 4 --shards 4
            """)
        {
            dataDir, validators, chainId, shards,
        };
        init.SetAction(parse =>
        {
            var data = new DevnetDataDirectory(parse.GetValue(dataDir)!);
            if (data.IsInitialized)
            {
                Console.Error.WriteLine($"error: {data.GenesisPath} exists; pick an empty --data-dir");
                return 2;
            }

            var count = parse.GetValue(validators);
            var shardCount = parse.GetValue(shards);
            if (count is < 1 or > DevnetDataDirectory.MaxDevnetValidators || !Protocol.ChainId.IsValid(parse.GetValue(chainId)) || shardCount is < 1 or > Protocol.ProtocolLimits.MaxShards)
            {
                Console.Error.WriteLine($"error: --validators must be 1..{DevnetDataDirectory.MaxDevnetValidators}, --shards 1..{Protocol.ProtocolLimits.MaxShards} and --chain-id 1..32 characters of [a-z0-9-]");
                return 2;
            }

            data.Initialize(parse.GetValue(chainId)!, DevnetDataDirectory.DefaultFaucetBalance, count, DateTimeOffset.UtcNow, (ushort)shardCount);
            Console.WriteLine($"genesis    {data.GenesisPath}");
            Console.WriteLine($"keys       {data.KeysPath} (validator-0..{count - 1}.json, faucet.json)");
            return 0;
        });
        return new Command("devnet", "Dev network helpers.") { init };
    }
}
