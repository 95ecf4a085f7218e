namespace Chain.Protocol.Genesis;

/// <summary>
/// Staking rules fixed at genesis (governance changes them later). Durations are in blocks; shares are in
/// basis points (1/10,000) so no rule needs floating point.
/// </summary>
public sealed record StakingParameters(
    ulong EpochLength,
    ulong UnbondingPeriod,
    uint MaxValidators,
    ulong MinSelfBond,
    ulong BlockReward,
    uint ProposerRewardBps,
    uint DoubleSignSlashBps,
    uint DowntimeWindow,
    uint MaxMissedBlocks,
    ulong DowntimeJailBlocks,
    uint DowntimeSlashBps)
{
    public const int EncodedSize = (8 * 5) + (4 * 6);

    /// <summary>Largest downtime window: each active validator's state keeps one bit per block of it.</summary>
    public const uint MaxDowntimeWindow = 65_536;

    public static StakingParameters Default { get; } = new(
        EpochLength: 100,
        UnbondingPeriod: 1_000,
        MaxValidators: 100,
        MinSelfBond: 1_000,
        BlockReward: 10,
        ProposerRewardBps: 1_000,
        DoubleSignSlashBps: 500,
        DowntimeWindow: 100,
        MaxMissedBlocks: 50,
        DowntimeJailBlocks: 100,
        DowntimeSlashBps: 10);

    /// <summary>Null when the rules are usable; otherwise what is wrong.</summary>
    public string? Validate()
    {
        if (EpochLength == 0 || UnbondingPeriod == 0 || DowntimeWindow == 0)
        {
            return "epochLength, unbondingPeriod and downtimeWindow must be positive";
        }

        if (DowntimeWindow > MaxDowntimeWindow)
        {
            return $"downtimeWindow must be at most {MaxDowntimeWindow}";
        }

        if (MaxValidators is 0 or > (uint)ProtocolLimits.MaxValidators)
        {
            return $"maxValidators must be 1..{ProtocolLimits.MaxValidators}";
        }

        if (MaxMissedBlocks == 0 || MaxMissedBlocks > DowntimeWindow)
        {
            return "maxMissedBlocks must be 1..downtimeWindow";
        }

        return ProposerRewardBps > 10_000 || DoubleSignSlashBps > 10_000 || DowntimeSlashBps > 10_000
            ? "basis-point shares must be at most 10000"
            : null;
    }

    public void Write(Encoding.CanonicalWriter w)
    {
        w.WriteU64(EpochLength);
        w.WriteU64(UnbondingPeriod);
        w.WriteU32(MaxValidators);
        w.WriteU64(MinSelfBond);
        w.WriteU64(BlockReward);
        w.WriteU32(ProposerRewardBps);
        w.WriteU32(DoubleSignSlashBps);
        w.WriteU32(DowntimeWindow);
        w.WriteU32(MaxMissedBlocks);
        w.WriteU64(DowntimeJailBlocks);
        w.WriteU32(DowntimeSlashBps);
    }

    public static StakingParameters Read(ref Encoding.CanonicalReader r) =>
        new(r.ReadU64(), r.ReadU64(), r.ReadU32(), r.ReadU64(), r.ReadU64(), r.ReadU32(), r.ReadU32(), r.ReadU32(), r.ReadU32(), r.ReadU64(), r.ReadU32());
}
