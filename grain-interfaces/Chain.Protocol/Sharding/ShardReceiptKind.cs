namespace Chain.Protocol.Sharding;

/// <summary>What a cross-shard receipt asks its destination to do.</summary>
public enum ShardReceiptKind : byte
{
    /// <summary>Credit <c>to</c> with the amount the source shard debited from <c>from</c>.</summary>
    Credit = 1,

    /// <summary>A credit that could not apply comes back: credit the original sender (<c>to</c> of the refund).</summary>
    Refund = 2,
}
