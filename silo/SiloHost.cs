using Chain.GrainInterfaces;
using Chain.Grains.Hosting;
using Chain.Protocol.Crypto;
using Chain.Protocol.Files;
using Chain.Protocol.Genesis;
using Chain.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Chain.Silo;

/// <summary>Starts one silo: data directory, ledger, storage backend, Orleans, then the shard and validators.</summary>
public static class SiloHost
{
    public static async Task<int> RunAsync(ChainSiloOptions options, CancellationToken cancellationToken)
    {
        var data = new DevnetDataDirectory(options.DataDir);
        var created = false;
        if (!data.IsInitialized)
        {
            if (options.Genesis is { Length: > 0 } genesisFile)
            {
                Directory.CreateDirectory(data.Root);
                File.Copy(genesisFile, data.GenesisPath);
            }
            else
            {
                data.Initialize(options.ChainId, options.FaucetBalance, options.Validators, DateTimeOffset.UtcNow, (ushort)options.Shards);
            }

            created = true;
        }

        GenesisDocument genesis;
        List<KeyPair> validatorKeys;
        try
        {
            genesis = data.ReadGenesis();
            validatorKeys = options.ValidatorKeys.Count > 0 ? [.. options.ValidatorKeys.Select(KeyFile.Read)] : [.. data.ReadValidatorKeys()];
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            return Fail($"{e.Message} (fix the file, or start over with an empty --data-dir)");
        }

        if (!created && options.ValidatorsGiven && options.ValidatorKeys.Count == 0 && options.Validators != validatorKeys.Count)
        {
            return Fail($"{data.Root} was created with {validatorKeys.Count} validator(s), not {options.Validators}; drop --validators or use a new --data-dir");
        }

        if (validatorKeys.FirstOrDefault(k => genesis.Validators.IndexOf(k.PublicKey) < 0) is { } stranger)
        {
            return Fail($"validator key {stranger.Address} is not in the genesis validator set of {data.GenesisPath}");
        }

        if (!options.HostsValidators)
        {
            validatorKeys.ForEach(k => k.Dispose());
            validatorKeys.Clear();
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

        await using var postgres = options.UsesPostgres ? new PostgresBackend(options) : null;
        if (postgres is not null)
        {
            if (await postgres.PrepareAsync(cancellationToken) is { } problem)
            {
                store.Dispose();
                return Fail(problem);
            }
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
        builder.Logging.AddFilter("Marten", LogLevel.Warning);
        builder.UseOrleans(silo =>
        {
            if (postgres is null)
            {
                silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, serviceId: options.ServiceId, clusterId: options.ClusterId);
            }
            else
            {
                postgres.ConfigureSilo(silo);
            }

            silo.AddChainNode(
                store,
                genesis,
                [.. validatorKeys],
                options.HostsLedger,
                o => o.BlockInterval = TimeSpan.FromMilliseconds(Math.Max(10, options.BlockIntervalMs)),
                postgres?.EventLog);
        });

        using var host = builder.Build();
        await using var health = options.HealthPort > 0 ? new HealthServer(options.HealthPort, host.Services) : null;
        try
        {
            if (health is not null)
            {
                await health.StartAsync(cancellationToken);
            }

            await host.StartAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Fail($"the silo did not start: {e.Message} (is port {options.GatewayPort}, {options.SiloPort} or {options.HealthPort} in use? pick others with --gateway-port/--silo-port/--health-port)");
        }

        health?.MarkStarted();
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var status = await grains.GetGrain<IShardGrain>(ClusterDefaults.ShardZero).GetStatusAsync();
        PrintBanner(data, genesis, status, options, validatorKeys, created);
        await host.WaitForShutdownAsync(CancellationToken.None);
        Console.WriteLine($"Stopped cleanly; a restart resumes from {data.Root}.");
        return 0;
    }

    private static void PrintBanner(DevnetDataDirectory data, GenesisDocument genesis, ChainStatus status, ChainSiloOptions options, List<KeyPair> keys, bool created)
    {
        Console.WriteLine(created ? "Created a new devnet." : "Resumed the devnet.");
        Console.WriteLine($"  chain id     {genesis.ChainId}");
        Console.WriteLine($"  genesis      {data.GenesisPath}");
        Console.WriteLine($"  genesis hash {genesis.Hash()}");
        if (File.Exists(data.FaucetKeyPath))
        {
            Console.WriteLine($"  faucet key   {data.FaucetKeyPath}  (address {data.FaucetAddress()})");
        }

        Console.WriteLine($"  validators   {genesis.Validators.Count} in genesis, hosted here: {string.Join(", ", keys.Select(k => k.Address.ToString()))}");
        Console.WriteLine($"  height       {status.Height}  state root {new Hash32(status.StateRoot)}");
        Console.WriteLine(options.UsesPostgres
            ? $"  storage      postgres (cluster {options.ClusterId}, role {options.Role}); local replica {data.LedgerPath}"
            : $"  storage      rocksdb {data.LedgerPath}");
        Console.WriteLine($"  gateway      localhost:{options.GatewayPort}");
        Console.WriteLine("Try:  dotnet run --project client/Chain.Cli -- status");
        Console.WriteLine("Press Ctrl-C to stop.");
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        return 2;
    }
}
