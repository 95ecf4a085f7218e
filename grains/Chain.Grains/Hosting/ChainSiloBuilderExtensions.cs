using Chain.Contracts;
using Chain.Core.Execution;
using Chain.GrainInterfaces;
using Chain.Grains.Shard;
using Chain.Protocol.Crypto;
using Chain.Protocol.Genesis;
using Chain.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace Chain.Grains.Hosting;

/// <summary>Registers a chain node's services and providers on an Orleans silo.</summary>
public static class ChainSiloBuilderExtensions
{
    /// <summary>
    /// Adds the ledger store, the genesis, the validator keys this silo hosts, the contract host, placement and the
    /// shard and contract log providers. The silo owns <paramref name="store"/> from here on and disposes it at shutdown. Validator
    /// grains for <paramref name="validatorKeys"/> start with the silo and live only here; with
    /// <paramref name="hostsLedger"/> the shard grain (the node's ledger) lives here too. With
    /// <paramref name="sharedEvents"/> (production: Marten on PostgreSQL) grain streams are appended there and
    /// <paramref name="store"/> keeps this silo's replica and projections (docs/architecture.md).
    /// </summary>
    public static ISiloBuilder AddChainNode(
        this ISiloBuilder silo,
        IKeyValueStore store,
        GenesisDocument genesis,
        IReadOnlyCollection<KeyPair> validatorKeys,
        bool hostsLedger = true,
        Action<BlockProductionOptions>? configure = null,
        IEventLog? sharedEvents = null)
    {
        var hosted = new HostedValidators(validatorKeys);
        silo.Services.AddSingleton(new LedgerStore(store, sharedEvents));
        silo.Services.AddSingleton(genesis);
        silo.Services.AddSingleton(hosted);
        silo.Services.AddSingleton<ValidatorSupervisor>();
        silo.Services.AddSingleton<Consensus.DecidedBlocks>();

        // One contract host per silo: it owns the Wasmtime engine, the compiled-module cache and the contract threads.
        // Every execution path (proposing, verifying proposals, catching up, committing, queries) takes it from here.
        silo.Services.AddSingleton(_ => new WasmContractHost());
        silo.Services.AddSingleton<IContractHost>(services => services.GetRequiredService<WasmContractHost>());
        silo.Services.AddSingleton(TimeProvider.System);
        silo.Services.AddOptions<BlockProductionOptions>().Configure(o => configure?.Invoke(o));
        silo.AddCustomStorageBasedLogConsistencyProvider(ShardGrain.LogProvider);
        silo.AddCustomStorageBasedLogConsistencyProvider(Contract.ContractGrain.LogProvider);
        silo.UseSiloMetadata(new Dictionary<string, string>
        {
            [ChainPlacementDirector.ValidatorsKey] = string.Join(',', hosted.Addresses),
            [ChainPlacementDirector.LedgerKey] = hostsLedger ? "true" : "false",
        });
        silo.AddPlacementDirector<ValidatorPlacementStrategy, ChainPlacementDirector>();
        silo.AddPlacementDirector<LedgerPlacementStrategy, ChainPlacementDirector>();
        silo.AddPlacementDirector<ShardLanePlacementStrategy, ChainPlacementDirector>();
        silo.AddStartupTask(async (services, cancellationToken) =>
        {
            var grains = services.GetRequiredService<IGrainFactory>();
            if (hostsLedger)
            {
                await grains.GetGrain<IShardGrain>(GrainInterfaces.ClusterDefaults.ShardZero).GetStatusAsync();
            }

            foreach (var address in hosted.Addresses)
            {
                await grains.GetGrain<IValidatorGrain>(address).StartAsync();
            }
        });
        return silo;
    }
}
