namespace Chain.Protocol.Genesis;

/// <summary>Consensus parameters fixed at genesis (governance will change them later).</summary>
public sealed record ChainParameters(ulong MinFee, uint MaxBlockTransactions)
{
    public static ChainParameters Default { get; } = new(MinFee: 1, MaxBlockTransactions: 5_000);

    /// <summary>Staking, rewards, slashing and epochs.</summary>
    public StakingParameters Staking { get; init; } = StakingParameters.Default;

    /// <summary>How many shards the state is split into (1..<see cref="ProtocolLimits.MaxShards"/>); see <see cref="Sharding.ShardMap"/>.</summary>
    public ushort ShardCount { get; init; } = 1;

    /// <summary>
    /// Heights a cross-shard credit may wait for its destination before it is refunded instead (docs/protocol.md §13.4):
    /// value in flight never waits for ever on a destination that does not take it.
    /// </summary>
    public ulong ReceiptTimeoutHeights { get; init; } = 1_000;
}
