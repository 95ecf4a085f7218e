namespace Chain.GrainInterfaces;

/// <summary>Where the chain stands. Hashes are raw 32-byte values.</summary>
[GenerateSerializer, Immutable, Alias("chain.ChainStatus")]
public sealed record ChainStatus(
    [property: Id(0)] string ChainId,
    [property: Id(1)] byte[] GenesisHash,
    [property: Id(2)] ulong Height,
    [property: Id(3)] byte[] LatestBlockHash,
    [property: Id(4)] byte[] StateRoot,
    [property: Id(5)] long LatestBlockTimeUnixMs,
    [property: Id(6)] int PendingTransactions,
    [property: Id(7)] int ValidatorCount,
    [property: Id(8)] string NodeVersion);
