namespace Chain.Protocol.Genesis;

/// <summary>Consensus parameters fixed at genesis (governance will change them later).</summary>
public sealed record ChainParameters(ulong MinFee, uint MaxBlockTransactions)
{
    public static ChainParameters Default { get; } = new(MinFee: 1, MaxBlockTransactions: 5_000);

    /// <summary>Staking, rewards, slashing and epochs.</summary>
    public StakingParameters Staking { get; init; } = StakingParameters.Default;
}
