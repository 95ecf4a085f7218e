using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;
using Chain.Protocol.Files;
using Chain.Protocol.Genesis;

namespace Chain.Silo;

/// <summary>
/// The layout of a node's data directory: <c>genesis.json</c>, <c>keys/validator.json</c>,
/// <c>keys/faucet.json</c> and the RocksDB ledger under <c>ledger/</c>. On first start it writes a dev
/// genesis with one validator and one funded faucet account.
/// </summary>
public sealed class DevnetDataDirectory(string root)
{
    public const ulong DefaultFaucetBalance = 1_000_000_000_000_000;
    public const ulong DefaultValidatorPower = 100;

    public string Root { get; } = Path.GetFullPath(root);

    public string GenesisPath => Path.Combine(Root, "genesis.json");

    public string ValidatorKeyPath => Path.Combine(Root, "keys", "validator.json");

    public string FaucetKeyPath => Path.Combine(Root, "keys", "faucet.json");

    public string LedgerPath => Path.Combine(Root, "ledger");

    public bool IsInitialized => File.Exists(GenesisPath);

    /// <summary>Writes keys and a dev genesis. Time comes from the caller, so a genesis is reproducible from its inputs.</summary>
    public GenesisDocument Initialize(string chainId, ulong faucetBalance, DateTimeOffset now)
    {
        Directory.CreateDirectory(Path.Combine(Root, "keys"));
        using var validator = KeyPair.Generate();
        using var faucet = KeyPair.Generate();
        KeyFile.Write(ValidatorKeyPath, validator);
        KeyFile.Write(FaucetKeyPath, faucet);
        var genesis = new GenesisDocument(
            chainId,
            now.ToUnixTimeMilliseconds(),
            ChainParameters.Default,
            new ValidatorSet([new Validator(validator.PublicKey, DefaultValidatorPower)]),
            [new GenesisAccount(faucet.Address, faucetBalance)]);
        var problem = genesis.Validate();
        if (problem is not null)
        {
            throw new InvalidDataException(problem);
        }

        GenesisFile.Write(GenesisPath, genesis);
        return genesis;
    }

    public GenesisDocument ReadGenesis() => GenesisFile.Read(GenesisPath);

    public KeyPair ReadValidatorKey() => KeyFile.Read(ValidatorKeyPath);

    public Address FaucetAddress()
    {
        using var key = KeyFile.Read(FaucetKeyPath);
        return key.Address;
    }
}
