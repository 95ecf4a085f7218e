using Chain.Grains.Hosting;
using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;
using Chain.Protocol.Genesis;
using Chain.Storage;
using Orleans.TestingHost;

[assembly: AssemblyFixture(typeof(Chain.Tests.Grains.ClusterFixture))]

namespace Chain.Tests.Grains;

/// <summary>
/// One in-process Orleans silo running a one-validator chain over the in-memory reference store,
/// shared by every grain test. Tests fund fresh accounts from <see cref="Faucet"/> so they never share balances.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public const string ChainId = "grain-test";

    public KeyPair Faucet { get; } = KeyPair.Generate();

    public KeyPair Validator { get; } = KeyPair.Generate();

    public GenesisDocument Genesis { get; private set; } = null!;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    /// <summary>The silo's ledger store, for tests that check what was written.</summary>
    public InMemoryKeyValueStore Store { get; } = new();

    public IClusterClient Client => Cluster.Client;

    /// <summary>Serialises tests that spend from the faucet, whose nonce they share.</summary>
    public SemaphoreSlim FaucetLock { get; } = new(1, 1);

    public async ValueTask InitializeAsync()
    {
        Genesis = new GenesisDocument(
            ChainId,
            1_700_000_000_000,
            // Epochs re-rank validators by tokens (rewards change them): keep the set fixed for the fixture's lifetime,
            // so tests can verify certificates against the genesis set however long the run takes.
            ChainParameters.Default with { Staking = StakingParameters.Default with { EpochLength = 1_000_000_000 } },
            new ValidatorSet([new Validator(Validator.PublicKey, 1_000_000)]),
            [new GenesisAccount(Faucet.Address, 1_000_000_000)]);
        var store = Store;
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
            silo.AddChainNode(store, Genesis, [Validator], hostsLedger: true, o =>
            {
                o.BlockInterval = TimeSpan.FromMilliseconds(50);
                o.EmptyBlockInterval = TimeSpan.FromMilliseconds(200);
            }));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        FaucetLock.Dispose();
    }
}
