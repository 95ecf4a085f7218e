namespace Chain.Grains.Hosting;

/// <summary>Node-local pacing and limits, not consensus rules: nodes may differ in them and still agree.</summary>
public sealed class BlockProductionOptions
{
    /// <summary>After a block is final, how long validators collect transactions before starting the next height while some are pending.</summary>
    public TimeSpan BlockInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>With nothing pending, an empty block is still finalized this often so time and liveness stay visible.</summary>
    public TimeSpan EmptyBlockInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Most transactions the mempool holds before refusing with MempoolFull.</summary>
    public int MempoolCapacity { get; set; } = 100_000;

    /// <summary>How often a validator checks its timeouts and the mempool.</summary>
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>With no progress for this long, a validator re-sends its own messages of the current height (peers may have missed them).</summary>
    public TimeSpan RebroadcastInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How far ahead of this node's clock a proposed block's time may be before the validator refuses it.</summary>
    public TimeSpan MaxClockDrift { get; set; } = TimeSpan.FromSeconds(10);
}
