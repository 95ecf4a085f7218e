using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;
using Chain.Protocol.Files;
using Chain.Protocol.Genesis;

namespace Chain.Silo;

/// <summary>
/// The layout of a node's data directory: <c>genesis.json</c>, <c>keys/validator-N.json</c> (one per
/// validator this node hosts), <c>keys/faucet.json</c> and the RocksDB ledger under <c>ledger/</c>. On first
/// start it writes a dev genesis with the requested number of equally staked validators (each also funded
/// for fees) and one funded faucet account.
/// </summary>
public sealed class DevnetDataDirectory(string root)
{
    public const ulong DefaultFaucetBalance = 1_000_000_000_000_000;
    public const ulong DefaultValidatorPower = 1_000_000;
    public const ulong ValidatorFeeBalance = 1_000_000_000;
    public const int MaxDevnetValidators = 64;

    public string Root { get; } = Path.GetFullPath(root);

    public string GenesisPath => Path.Combine(Root, "genesis.json");

    public string KeysPath => Path.Combine(Root, "keys");

    public string ValidatorKeyPath(int index) => Path.Combine(KeysPath, $"validator-{index.ToString(System.Globalization.CultureInfo.InvariantCulture)}.json");

    public string FaucetKeyPath => Path.Combine(Root, "keys", "faucet.json");

    public string LedgerPath => Path.Combine(Root, "ledger");

    public bool IsInitialized => File.Exists(GenesisPath);

    /// <summary>Writes keys and a dev genesis. Time comes from the caller, so a genesis is reproducible from its inputs.</summary>
    public GenesisDocument Initialize(string chainId, ulong faucetBalance, int validators, DateTimeOffset now, ushort shards = 1)
    {
        if (validators is < 1 or > MaxDevnetValidators)
        {
            throw new ArgumentOutOfRangeException(nameof(validators), $"a devnet has 1..{MaxDevnetValidators} validators");
        }

        Directory.CreateDirectory(KeysPath);
        using var faucet = KeyPair.Generate();
        var keys = Enumerable.Range(0, validators).Select(_ => KeyPair.Generate()).ToArray();
        for (var i = 0; i < keys.Length; i++)
        {
            KeyFile.Write(ValidatorKeyPath(i), keys[i]);
        }

        KeyFile.Write(FaucetKeyPath, faucet);
        var accounts = keys.Select(k => new GenesisAccount(k.Address, ValidatorFeeBalance))
            .Append(new GenesisAccount(faucet.Address, faucetBalance))
            .OrderBy(a => a.Address)
            .ToArray();
        var genesis = new GenesisDocument(
            chainId,
            now.ToUnixTimeMilliseconds(),
            ChainParameters.Default with { Staking = DevnetStaking, ShardCount = shards },
            new ValidatorSet(keys.Select(k => new Validator(k.PublicKey, DefaultValidatorPower))),
            accounts);
        foreach (var key in keys)
        {
            key.Dispose();
        }
        var problem = genesis.Validate();
        if (problem is not null)
        {
            throw new InvalidDataException(problem);
        }

        GenesisFile.Write(GenesisPath, genesis);
        return genesis;
    }

    public GenesisDocument ReadGenesis() => GenesisFile.Read(GenesisPath);

    /// <summary>Staking rules of a dev genesis: short epochs and unbonding so changes show within a minute.</summary>
    public static StakingParameters DevnetStaking { get; } = StakingParameters.Default with { EpochLength = 20, UnbondingPeriod = 100 };

    /// <summary>The validator keys this node hosts: every <c>keys/validator-N.json</c>, in N order.</summary>
    public IReadOnlyList<KeyPair> ReadValidatorKeys()
    {
        var keys = new List<KeyPair>();
        for (var i = 0; File.Exists(ValidatorKeyPath(i)); i++)
        {
            keys.Add(KeyFile.Read(ValidatorKeyPath(i)));
        }

        return keys;
    }

    public Address FaucetAddress()
    {
        using var key = KeyFile.Read(FaucetKeyPath);
        return key.Address;
    }
}
