using Chain.Grains.Shard;
using Chain.Protocol.Crypto;
using Chain.Protocol.Genesis;
using Chain.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Chain.Grains.Hosting;

/// <summary>Registers a chain node's services and providers on an Orleans silo.</summary>
public static class ChainSiloBuilderExtensions
{
    /// <summary>
    /// Adds the ledger store, the genesis, this silo's validator key and the shard log provider.
    /// The silo owns <paramref name="store"/> from here on and disposes it at shutdown.
    /// </summary>
    public static ISiloBuilder AddChainNode(
        this ISiloBuilder silo,
        IKeyValueStore store,
        GenesisDocument genesis,
        KeyPair validatorKey,
        Action<BlockProductionOptions>? configure = null)
    {
        if (genesis.Validators.IndexOf(validatorKey.PublicKey) < 0)
        {
            throw new ArgumentException("the validator key is not in the genesis validator set", nameof(validatorKey));
        }

        silo.Services.AddSingleton(new LedgerStore(store));
        silo.Services.AddSingleton(genesis);
        silo.Services.AddSingleton(new ValidatorKey(validatorKey));
        silo.Services.AddSingleton(TimeProvider.System);
        silo.Services.AddOptions<BlockProductionOptions>().Configure(o => configure?.Invoke(o));
        silo.AddCustomStorageBasedLogConsistencyProvider(ShardGrain.LogProvider);
        return silo;
    }
}
