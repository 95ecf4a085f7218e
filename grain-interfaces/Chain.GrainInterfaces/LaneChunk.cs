namespace Chain.GrainInterfaces;

/// <summary>
/// A lane's part of a committed block, as the ledger hands it over: the height, the hashes of the lane's transactions in it, and every
/// account of the lane's shard the block changed, as (20-byte address, encoded <c>AccountState</c>) pairs.
/// </summary>
[GenerateSerializer, Immutable, Alias("chain.LaneChunk")]
public sealed record LaneChunk(
    [property: Id(0)] ulong Height,
    [property: Id(1)] byte[][] TransactionHashes,
    [property: Id(2)] byte[][] Addresses,
    [property: Id(3)] byte[][] Accounts);

/// <summary>A lane grain's answer about itself: its shard, the silo it runs on, the last height it applied and its pending count.</summary>
[GenerateSerializer, Immutable, Alias("chain.LaneStatus")]
public sealed record LaneStatus(
    [property: Id(0)] ushort Shard,
    [property: Id(1)] string Silo,
    [property: Id(2)] ulong Height,
    [property: Id(3)] int PendingTransactions);

/// <summary>Committed accounts read in one call: the ledger's height and each account's encoded <c>AccountState</c> (empty when absent).</summary>
[GenerateSerializer, Immutable, Alias("chain.CommittedAccounts")]
public sealed record CommittedAccounts(
    [property: Id(0)] ulong Height,
    [property: Id(1)] byte[][] Accounts);
