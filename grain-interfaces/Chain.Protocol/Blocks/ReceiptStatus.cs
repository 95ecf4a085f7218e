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

    /// <summary>The contract reverted (<c>revert</c> or AssemblyScript's <c>abort</c>); the message is its reason.</summary>
    Reverted = 12,

    /// <summary>The transaction's gas ran out (in wasm or in a host function's charge).</summary>
    OutOfGas = 13,

    /// <summary>The wasm trapped (unreachable, out-of-bounds access, division by zero, ...); the message names the trap kind.</summary>
    Trapped = 14,

    /// <summary>The code is not an acceptable module: malformed, a disallowed feature or import, a missing export, over a limit.</summary>
    InvalidModule = 15,

    /// <summary>No contract is deployed at the called address.</summary>
    UnknownContract = 16,

    /// <summary>The contract exports no callable method of that name (or of type other than <c>() -> ()</c>).</summary>
    UnknownMethod = 17,

    /// <summary>Contract-to-contract calls nested deeper than the limit.</summary>
    DepthExceeded = 18,

    /// <summary>A contract called a contract that is already executing in this transaction: re-entrancy is refused.</summary>
    Reentrancy = 19,

    /// <summary>A query (or a read-only frame) tried to write storage, transfer, emit an event or send value.</summary>
    ReadOnlyViolation = 20,

    /// <summary>A host limit was broken: a key, value, topic, event, return data or argument too large, too many events.</summary>
    LimitExceeded = 21,

    /// <summary>An upgrade from an account that is not the contract's admin (or of a contract without one).</summary>
    NotAdmin = 22,

    /// <summary>The wasm call stack was exhausted (recursion too deep).</summary>
    StackExhausted = 23,
}
