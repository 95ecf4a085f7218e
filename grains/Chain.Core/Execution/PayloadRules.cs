using Chain.Protocol.Transactions;
using Delegate = Chain.Protocol.Transactions.Delegate;

namespace Chain.Core.Execution;

/// <summary>
/// The rules a payload must meet whatever the state. Admission refuses a transaction that breaks one, and
/// so does block validity: such a transaction is never includable. Cost: at most two Ed25519 checks (evidence).
/// </summary>
public static class PayloadRules
{
    /// <summary><see cref="TxErrorCode.None"/> and null, or the code and a message for people.</summary>
    public static (TxErrorCode Code, string? Message) Check(Transaction tx, string chainId)
    {
        switch (tx.Payload)
        {
            case Transfer t when t.Amount == 0 || t.To == tx.SenderAddress:
                return (TxErrorCode.InvalidTransfer, "a transfer must move a positive amount to another account");
            case Transfer t when ulong.MaxValue - t.Amount < tx.Fee:
                return (TxErrorCode.AmountOverflow, "amount plus fee does not fit in 64 bits");
            case Bond { Amount: 0 } or Delegate { Amount: 0 } or Unbond { Amount: 0 }:
                return (TxErrorCode.InvalidStakingPayload, "a bond, delegation or unbond must be of a positive amount");
            case Bond b when ulong.MaxValue - b.Amount < tx.Fee:
            case Delegate d when ulong.MaxValue - d.Amount < tx.Fee:
                return (TxErrorCode.AmountOverflow, "amount plus fee does not fit in 64 bits");
            case ReportEquivocation r when r.Evidence.Check(chainId) is { } problem:
                return (TxErrorCode.InvalidStakingPayload, $"the equivocation evidence is invalid: {problem}");
            case IContractPayload c when c.GasLimit is 0 or > ContractLimits.MaxGasLimit:
                return (TxErrorCode.InvalidContractPayload, $"a contract gas limit must be between 1 and {ContractLimits.MaxGasLimit}");
            case Deploy { Code.Length: 0 } or Upgrade { Code.Length: 0 }:
                return (TxErrorCode.InvalidContractPayload, "a deploy or upgrade must carry code");
            case Call c when !ContractLimits.IsCallableMethod(c.Method):
                return (TxErrorCode.InvalidContractPayload, "the method name must be 1 to 64 of [A-Za-z0-9_], not 'init', not starting with '__'");
            case Call c when ulong.MaxValue - c.Value < tx.Fee:
                return (TxErrorCode.AmountOverflow, "value plus fee does not fit in 64 bits");
            default:
                return (TxErrorCode.None, null);
        }
    }
}
