using Chain.Protocol;

namespace Chain.Core.Staking;

/// <summary>Bounds that keep every staking step's cost bounded. Part of the state-transition rules.</summary>
public static class StakingLimits
{
    /// <summary>Validator records in the registry; an epoch boundary reads each once. A bond that would add one more fails.</summary>
    public const int MaxValidatorRecords = 2 * ProtocolLimits.MaxValidators;

    /// <summary>Validators one delegator may have stake or unbonding entries with at a time.</summary>
    public const int MaxValidatorsPerDelegator = 32;

    /// <summary>Basis points in a whole.</summary>
    public const uint BasisPoints = 10_000;
}
