namespace Chain.GrainInterfaces;

/// <summary>
/// What the node knows of a transaction. When <see cref="Status"/> is <see cref="TransactionStatus.Final"/>:
/// the encoded transaction and receipt, the block height and index, the block's encoded header, and the
/// RFC 6962 audit path (32-byte hashes, concatenated) proving inclusion under the header's transactions root.
/// <see cref="Legs"/> lists a cross-shard transfer's or asynchronous contract call's legs in height order (null for anything else).
/// </summary>
[GenerateSerializer, Immutable, Alias("chain.TransactionResult")]
public sealed record TransactionResult(
    [property: Id(0)] byte[] TransactionHash,
    [property: Id(1)] TransactionStatus Status,
    [property: Id(2)] ulong Height,
    [property: Id(3)] uint Index,
    [property: Id(4)] byte[]? Transaction,
    [property: Id(5)] byte[]? Receipt,
    [property: Id(6)] byte[]? Header,
    [property: Id(7)] byte[]? AuditPath,
    [property: Id(8)] CrossShardLeg[]? Legs = null)
{
    /// <summary>A final cross-shard transfer whose value has neither arrived nor come back yet, or a contract call whose callback has not run.</summary>
    public bool InFlight => Legs is { Length: > 0 } legs && CrossShardLegs.InFlight(legs.Select(l => l.Kind));
}

[GenerateSerializer, Alias("chain.TransactionStatus")]
public enum TransactionStatus
{
    Unknown = 0,
    Pending = 1,
    Final = 2,
}
