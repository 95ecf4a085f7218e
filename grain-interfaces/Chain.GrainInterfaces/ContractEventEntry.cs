namespace Chain.GrainInterfaces;

/// <summary>
/// One event a contract emitted in a committed transaction: where (height, transaction index and hash), its topic
/// and data bytes as emitted, and its <see cref="Cursor"/> (pass a later entry's cursor to continue a listing).
/// </summary>
[GenerateSerializer, Immutable, Alias("chain.ContractEventEntry")]
public sealed record ContractEventEntry(
    [property: Id(0)] ulong Cursor,
    [property: Id(1)] ulong Height,
    [property: Id(2)] uint TransactionIndex,
    [property: Id(3)] byte[] TransactionHash,
    [property: Id(4)] byte[] Topic,
    [property: Id(5)] byte[] Data);
