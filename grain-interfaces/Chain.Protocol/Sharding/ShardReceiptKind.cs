namespace Chain.Protocol.Sharding;

/// <summary>What a cross-shard receipt asks its destination to do. Kinds 1 and 2 are encoding version 1; 3 and 4 version 2 (§13.3).</summary>
public enum ShardReceiptKind : byte
{
    /// <summary>Credit <c>to</c> with the amount the source shard debited from <c>from</c>.</summary>
    Credit = 1,

    /// <summary>A credit that could not apply comes back: credit the original sender (<c>to</c> of the refund).</summary>
    Refund = 2,

    /// <summary>An asynchronous contract call: run <c>to</c>'s method with the attached amount, for the contract <c>from</c>.</summary>
    Call = 3,

    /// <summary>The outcome of a call going back to the calling contract (<c>to</c>), with the attached amount refunded on failure.</summary>
    Callback = 4,
}
