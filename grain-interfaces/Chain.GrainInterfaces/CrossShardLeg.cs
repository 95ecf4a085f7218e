namespace Chain.GrainInterfaces;

/// <summary>
/// One leg of a cross-shard transfer or asynchronous contract call, as the node's finalized blocks record it: <see cref="Receipt"/>
/// is the encoded <c>ShardReceipt</c> (docs/protocol.md §13.3) that the block at <see cref="Height"/> sent or applied.
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

    /// <summary>A contract's <c>call_async</c> left its shard: the receipt is the call (value, method, arguments).</summary>
    CallSent = 5,

    /// <summary>The callee ran on its shard and sent the outcome back: the receipt is the callback (status, data, refund).</summary>
    CallExecuted = 6,

    /// <summary>The callback reached the calling contract (its callback method ran, or the refund was credited): the call is complete.</summary>
    CallbackRan = 7,
}

/// <summary>Reading a list of legs.</summary>
public static class CrossShardLegs
{
    /// <summary>
    /// Whether something is still on its way: a leg that opens a flow (a transfer's credit or a contract call sent) without the leg that
    /// closes it (credited, refunded, or the callback run). A bounce is mid-way: it closes nothing.
    /// </summary>
    public static bool InFlight(IEnumerable<CrossShardLegKind> kinds)
    {
        var open = 0;
        foreach (var kind in kinds)
        {
            open += kind switch
            {
                CrossShardLegKind.Sent or CrossShardLegKind.CallSent => 1,
                CrossShardLegKind.Credited or CrossShardLegKind.Refunded or CrossShardLegKind.CallbackRan => -1,
                _ => 0,
            };
        }

        return open > 0;
    }
}
