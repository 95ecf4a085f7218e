namespace Chain.Protocol.Crypto;

/// <summary>The domain tags of <see cref="Hashing.Tagged"/>. Never change one: it changes every hash of its kind.</summary>
public static class HashTags
{
    public const string Address = "chain/address/v1";
    public const string Transaction = "chain/tx/v1";
    public const string TransactionSigning = "chain/tx-sign/v1";
    public const string BlockHeader = "chain/header/v1";
    public const string Vote = "chain/vote/v1";
    public const string Proposal = "chain/proposal/v1";
    public const string Certificate = "chain/certificate/v1";
    public const string LeaderSeed = "chain/leader/v1";
    public const string ValidatorSet = "chain/validator-set/v1";
    public const string Genesis = "chain/genesis/v1";
    public const string StateKey = "chain/state-key/v1";
    public const string StateValue = "chain/state-value/v1";
    public const string ContractAddress = "chain/contract-address/v1";
    public const string ContractCode = "chain/contract-code/v1";
}
