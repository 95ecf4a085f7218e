using Chain.GrainInterfaces;
using Chain.Grains.Hosting;
using Chain.Protocol;
using Chain.Protocol.Crypto;
using Chain.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Chain.Silo;

/// <summary>Starts one silo of a devnet: data directory, ledger, Orleans, then the shard.</summary>
public static class SiloHost
{
    public static async Task<int> RunAsync(SiloSettings settings, CancellationToken cancellationToken)
    {
        if (!ChainId.IsValid(settings.ChainId))
        {
            return Fail("--chain-id must be 1..32 characters of [a-z0-9-]");
        }

        if (settings.Validators is < 1 or > DevnetDataDirectory.MaxDevnetValidators)
        {
            return Fail($"--validators must be 1..{DevnetDataDirectory.MaxDevnetValidators}");
        }

        var data = new DevnetDataDirectory(settings.DataDir);
        var created = false;
        if (!data.IsInitialized)
        {
            data.Initialize(settings.ChainId, settings.FaucetBalance, settings.Validators, DateTimeOffset.UtcNow);
            created = true;
        }

        Chain.Protocol.Genesis.GenesisDocument genesis;
        IReadOnlyList<KeyPair> validatorKeys;
        try
        {
            genesis = data.ReadGenesis();
            validatorKeys = data.ReadValidatorKeys();
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            return Fail($"{e.Message} (fix the file, or start over with an empty --data-dir)");
        }

        if (!created && settings.ValidatorsGiven && settings.Validators != validatorKeys.Count)
        {
            return Fail($"{data.Root} was created with {validatorKeys.Count} validator(s), not {settings.Validators}; drop --validators or use a new --data-dir");
        }

        if (validatorKeys.FirstOrDefault(k => genesis.Validators.IndexOf(k.PublicKey) < 0) is { } stranger)
        {
            return Fail($"validator key {stranger.Address} under {data.KeysPath} is not in the genesis validator set");
        }

        RocksDbKeyValueStore store;
        try
        {
            store = RocksDbKeyValueStore.Open(data.LedgerPath);
        }
        catch (Exception e)
        {
            return Fail($"cannot open the ledger at {data.LedgerPath}: {e.Message} (is another silo using this --data-dir?)");
        }

        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
        });
        builder.Logging.AddFilter("Orleans", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Logging.AddFilter("Polly", LogLevel.Warning);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort, serviceId: ClusterDefaults.ServiceId, clusterId: ClusterDefaults.ClusterId);
            silo.AddChainNode(store, genesis, [.. validatorKeys], hostsLedger: true, o => o.BlockInterval = settings.BlockInterval);
        });

        using var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Fail($"the silo did not start: {e.Message} (is port {settings.GatewayPort} or {settings.SiloPort} in use? pick others with --gateway-port/--silo-port)");
        }

        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var status = await grains.GetGrain<IShardGrain>(ClusterDefaults.ShardZero).GetStatusAsync();
        PrintBanner(data, genesis, status, settings, created);
        await host.WaitForShutdownAsync(CancellationToken.None);
        Console.WriteLine($"Stopped cleanly; a restart resumes from {data.Root}.");
        return 0;
    }

    private static void PrintBanner(DevnetDataDirectory data, Chain.Protocol.Genesis.GenesisDocument genesis, ChainStatus status, SiloSettings settings, bool created)
    {
        Console.WriteLine(created ? "Created a new devnet." : "Resumed the devnet.");
        Console.WriteLine($"  chain id     {genesis.ChainId}");
        Console.WriteLine($"  genesis      {data.GenesisPath}");
        Console.WriteLine($"  genesis hash {genesis.Hash()}");
        Console.WriteLine($"  faucet key   {data.FaucetKeyPath}  (address {data.FaucetAddress()})");
        Console.WriteLine($"  validators   {genesis.Validators.Count} in genesis, hosted here: {string.Join(", ", data.ReadValidatorKeys().Select(k => k.Address.ToString()))}");
        Console.WriteLine($"  height       {status.Height}  state root {new Hash32(status.StateRoot)}");
        Console.WriteLine($"  gateway      localhost:{settings.GatewayPort}");
        Console.WriteLine("Try:  dotnet run --project client/Chain.Cli -- status");
        Console.WriteLine("Press Ctrl-C to stop.");
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        return 2;
    }
}
