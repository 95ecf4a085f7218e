namespace Chain.Core.Sharding;

/// <summary>What applying an incoming cross-shard receipt did.</summary>
public enum IncomingOutcome : byte
{
    /// <summary>A credit reached its recipient: the transfer is complete.</summary>
    Credited = 1,

    /// <summary>A credit waited longer than the receipt timeout: a refund receipt goes back to the sender's shard.</summary>
    RefundedTimeout = 2,

    /// <summary>A credit would overflow the recipient's balance: a refund receipt goes back to the sender's shard.</summary>
    RefundedOverflow = 3,

    /// <summary>A refund reached the original sender.</summary>
    RefundCredited = 4,
}
