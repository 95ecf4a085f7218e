namespace Chain.GrainInterfaces;

/// <summary>
/// One leg of a cross-shard transfer, as the node's finalized blocks record it: <see cref="Receipt"/> is the encoded
/// <c>ShardReceipt</c> (docs/protocol.md §13.3) that the block at <see cref="Height"/> sent or applied.
/// </summary>
[GenerateSerializer, Immutable, Alias("chain.CrossShardLeg")]
public sealed record CrossShardLeg(
    [property: Id(0)] CrossShardLegKind Kind,
    [property: Id(1)] ulong Height,
    [property: Id(2)] byte[] Receipt);

[GenerateSerializer, Alias("chain.CrossShardLegKind")]
public enum CrossShardLegKind
{
    /// <summary>The source shard debited the sender and sent the credit.</summary>
    Sent = 1,

    /// <summary>The destination shard credited the recipient: the transfer is complete.</summary>
    Credited = 2,

    /// <summary>The destination could not apply the credit (it timed out) and sent the value back.</summary>
    Bounced = 3,

    /// <summary>The refund reached the sender: the transfer is complete, undone.</summary>
    Refunded = 4,
}
