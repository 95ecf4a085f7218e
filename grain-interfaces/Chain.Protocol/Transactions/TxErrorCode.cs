namespace Chain.Protocol.Transactions;

/// <summary>
/// Why a transaction was refused at admission or left out of a block. Stable numbers: clients and
/// scripts match on them.
/// </summary>
public enum TxErrorCode
{
    None = 0,

    /// <summary>The bytes are not one canonical signed transaction.</summary>
    Malformed = 1,

    /// <summary>The encoding is larger than <see cref="ProtocolLimits.MaxTransactionBytes"/>.</summary>
    TooLarge = 2,

    /// <summary>The signature does not verify against the sender key.</summary>
    InvalidSignature = 3,

    /// <summary>The transaction is for another chain.</summary>
    WrongChainId = 4,

    /// <summary>The nonce was already used (a replay).</summary>
    NonceTooLow = 5,

    /// <summary>The nonce is <see cref="ProtocolLimits.MaxNonceGap"/> or more past the account nonce (at most 63 ahead is queued).</summary>
    NonceTooHigh = 6,

    /// <summary>The sender cannot pay amount plus fee (counting its pending transactions).</summary>
    InsufficientBalance = 7,

    /// <summary>Amount plus fee overflows 64 bits.</summary>
    AmountOverflow = 8,

    /// <summary>The fee is below the chain's minimum.</summary>
    FeeTooLow = 9,

    /// <summary>The same transaction, or another with the same sender and nonce, is already pending.</summary>
    Duplicate = 10,

    /// <summary>The mempool is full; retry later.</summary>
    MempoolFull = 11,

    /// <summary>A transfer to the sender itself, or of zero units.</summary>
    InvalidTransfer = 12,

    /// <summary>
    /// A staking payload that can never succeed, whatever the state: a bond, delegation or unbond of zero
    /// units, or equivocation evidence that does not check (<c>DuplicateVoteEvidence.Check</c>).
    /// </summary>
    InvalidStakingPayload = 13,

    /// <summary>
    /// A contract payload that can never succeed: a gas limit of 0 or above <see cref="ContractLimits.MaxGasLimit"/>,
    /// empty code, or a method name that cannot be called (<see cref="ContractLimits.IsCallableMethod"/>).
    /// </summary>
    InvalidContractPayload = 14,
}
