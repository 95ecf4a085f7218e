namespace Chain.Grains.Hosting;

/// <summary>How often the shard seals blocks. Node-local settings, not consensus rules.</summary>
public sealed class BlockProductionOptions
{
    /// <summary>A block is sealed this often while transactions are pending (and at once when a block's worth is pending).</summary>
    public TimeSpan BlockInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>With nothing pending, an empty block is still sealed this often so time and liveness stay visible.</summary>
    public TimeSpan EmptyBlockInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Most transactions the mempool holds before refusing with MempoolFull.</summary>
    public int MempoolCapacity { get; set; } = 100_000;
}
