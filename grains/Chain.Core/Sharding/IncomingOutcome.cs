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

    /// <summary>A call ran and succeeded: the callee keeps the value, and a callback with its return data goes back.</summary>
    CallSucceeded = 5,

    /// <summary>A call failed (reverted, out of gas, no such contract or method...): nothing it wrote stays, and a callback with the reason and the value goes back.</summary>
    CallFailed = 6,

    /// <summary>A callback reached the caller: its callback method succeeded (or it named none), and any refund is credited.</summary>
    CallbackCompleted = 7,

    /// <summary>A callback's method failed: what it wrote is dropped, but the refund is credited to the calling contract all the same.</summary>
    CallbackFailed = 8,
}
