using Chain.Protocol.Blocks;
using Chain.Protocol.Transactions;

namespace Chain.Core.Execution;

/// <summary>
/// Either a receipt (the transaction is included; it may still have failed, paying its fee) or a
/// rejection (it cannot be included in this block at all: wrong nonce, cannot pay the fee, ...).
/// </summary>
public readonly record struct TransactionOutcome(Receipt? Receipt, TxErrorCode Rejection)
{
    public bool IsIncluded => Receipt is not null;

    public static TransactionOutcome Included(Receipt receipt) => new(receipt, TxErrorCode.None);

    public static TransactionOutcome Rejected(TxErrorCode code) => new(null, code);
}
