using Chain.GrainInterfaces;
using Chain.Grains.Hosting;
using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;
using Chain.Protocol.Genesis;
using Chain.Storage;
using Orleans.TestingHost;

namespace Chain.Tests.Grains;

/// <summary>
/// A four-validator chain on two in-process silos: the first silo holds the ledger and validators 0–2, the
/// second holds only validator 3, so stopping the second silo stops exactly one validator (its key lives
/// nowhere else). Equal stake: any three validators hold 3/4 of the power, more than 2/3.
/// </summary>
public sealed class BftCluster : IAsyncDisposable
{
    public const string ChainId = "bft-test";
    public const ulong Stake = 1_000_000;
    private readonly Dictionary<string, InMemoryKeyValueStore> _stores = [];
    private string? _ledgerSilo;

    private readonly Action<ISiloBuilder>? _configureSilo;

    private BftCluster(ulong epochLength, BftOptions? options)
    {
        Keys = [.. Enumerable.Range(0, 4).Select(_ => KeyPair.Generate()).OrderBy(k => k.PublicKey)];
        var accounts = Keys.Select(k => new GenesisAccount(k.Address, 1_000_000_000))
            .Append(new GenesisAccount(Faucet.Address, 1_000_000_000_000))
            .Concat((options?.Funded ?? []).Select(a => new GenesisAccount(a, FundedBalance)))
            .OrderBy(a => a.Address)
            .ToArray();
        var parameters = ChainParameters.Default with { Staking = StakingParameters.Default with { EpochLength = epochLength, UnbondingPeriod = 20 } };
        Genesis = new GenesisDocument(
            ChainId,
            1_700_000_000_000,
            options?.Parameters?.Invoke(parameters) ?? parameters,
            new ValidatorSet(Keys.Select(k => new Validator(k.PublicKey, Stake))),
            accounts);
        _configureSilo = options?.ConfigureSilo;
    }

    /// <summary>The genesis balance of each account in <see cref="BftOptions.Funded"/>.</summary>
    public const ulong FundedBalance = 1_000_000_000;

    /// <summary>Validator keys, in validator-set order (sorted by public key).</summary>
    public KeyPair[] Keys { get; }

    public KeyPair Faucet { get; } = KeyPair.Generate();

    public GenesisDocument Genesis { get; }

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public IShardGrain Shard => Client.GetGrain<IShardGrain>(ClusterDefaults.ShardZero);

    public IValidatorGrain Validator(int index) => Client.GetGrain<IValidatorGrain>(Keys[index].Address.ToString());

    /// <summary>The ledger silo's store (blocks, state and the cross-shard index), for tests that audit what was written.</summary>
    public InMemoryKeyValueStore LedgerStore => _stores[_ledgerSilo!];

    public static async Task<BftCluster> StartAsync(ulong epochLength = 100, BftOptions? options = null)
    {
        var bft = new BftCluster(epochLength, options);
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((options, silo) =>
        {
            // Silos are configured concurrently: whichever comes first holds the ledger and validators 0-2.
            InMemoryKeyValueStore store;
            bool first;
            lock (bft._stores)
            {
                bft._ledgerSilo ??= options.SiloName;
                first = bft._ledgerSilo == options.SiloName;
                if (!bft._stores.TryGetValue(options.SiloName, out store!))
                {
                    bft._stores[options.SiloName] = store = new InMemoryKeyValueStore();
                }
            }

            silo.AddChainNode(store, bft.Genesis, first ? bft.Keys[..3] : [bft.Keys[3]], hostsLedger: first, o =>
            {
                o.BlockInterval = TimeSpan.FromMilliseconds(30);
                o.EmptyBlockInterval = TimeSpan.FromMilliseconds(150);
            });
            bft._configureSilo?.Invoke(silo);
        });
        bft.Cluster = builder.Build();
        await bft.Cluster.DeployAsync();
        return bft;
    }

    /// <summary>Waits until the ledger is past <paramref name="height"/>; fails after the deadline (a stalled chain).</summary>
    public async Task<ChainStatus> WaitForHeightAsync(ulong height, TimeSpan? deadline = null)
    {
        using var cts = new CancellationTokenSource(deadline ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var status = await Shard.GetStatusAsync();
            if (status.Height >= height)
            {
                return status;
            }

            await Task.Delay(20, cts.Token);
        }
    }

    /// <summary>Stops the silo that hosts only validator 3.</summary>
    public Task StopValidatorSiloAsync() =>
        Cluster.StopSiloAsync(Cluster.Silos.Single(s => s.Name != _ledgerSilo), TestContext.Current.CancellationToken);

    public async Task<FinalizedBlock> BlockAsync(ulong height) =>
        FinalizedBlock.Decode(await Shard.GetBlockAsync(height) ?? throw new InvalidOperationException($"no block {height}"));

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        foreach (var key in Keys)
        {
            key.Dispose();
        }

        Faucet.Dispose();
    }
}

/// <summary>What a test changes in the cluster: genesis parameters, accounts funded at genesis, and silo extras (call filters).</summary>
public sealed record BftOptions(
    Func<ChainParameters, ChainParameters>? Parameters = null,
    IReadOnlyList<Address>? Funded = null,
    Action<ISiloBuilder>? ConfigureSilo = null);
