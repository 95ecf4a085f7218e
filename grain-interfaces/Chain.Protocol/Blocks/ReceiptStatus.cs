namespace Chain.Protocol.Blocks;

/// <summary>
/// How an included transaction ended. The fee is charged and the nonce consumed in every case; a failed
/// status means nothing else changed. Stable numbers: values are added, never renumbered.
/// </summary>
public enum ReceiptStatus : byte
{
    Success = 0,

    /// <summary>The sender could pay the fee but not the amount: nonce and fee are consumed, nothing moves.</summary>
    InsufficientBalance = 1,

    /// <summary>Crediting the recipient would overflow its balance.</summary>
    BalanceOverflow = 2,

    /// <summary>An unbond asks for more than the sender's delegation with that validator is worth.</summary>
    InsufficientStake = 3,

    /// <summary>The named validator (or, for <c>Unjail</c>, the sender) has no validator record.</summary>
    UnknownValidator = 4,

    /// <summary>The validator is tombstoned: it takes no new stake and cannot be reported or unjailed again.</summary>
    ValidatorTombstoned = 5,

    /// <summary>A withdraw found no unbonding entry that has completed.</summary>
    NothingToWithdraw = 6,

    /// <summary>A bounded staking list is full: unbonding entries per pair, validators per delegator, or validator records.</summary>
    StakingLimitReached = 7,

    /// <summary>An unjail from a validator that is not jailed.</summary>
    NotJailed = 8,

    /// <summary>An unjail before the jail period has ended.</summary>
    StillJailed = 9,

    /// <summary>Equivocation evidence from a height after the block, or older than the unbonding period.</summary>
    EvidenceOutOfRange = 10,

    /// <summary>
    /// The stake cannot be converted to or from shares: the arithmetic would overflow 64 bits, would mint
    /// zero shares, or a pool holds shares but no tokens (wiped out by a full slash).
    /// </summary>
    StakeNotPriceable = 11,
}
