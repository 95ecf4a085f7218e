namespace Chain.GrainInterfaces;

/// <summary>One code version of a contract: its number (1 at deploy), code hash, and the block and transaction that installed it.</summary>
[GenerateSerializer, Immutable, Alias("chain.ContractVersion")]
public sealed record ContractVersion(
    [property: Id(0)] uint Version,
    [property: Id(1)] byte[] CodeHash,
    [property: Id(2)] ulong Height,
    [property: Id(3)] byte[] TransactionHash);
