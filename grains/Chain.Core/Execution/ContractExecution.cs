using Chain.Core.State;
using Chain.Protocol.Blocks;
using Chain.Protocol.Transactions;

namespace Chain.Core.Execution;

/// <summary>
/// The fee rule of contract payloads (docs/protocol.md §8.2): the fee must cover <c>minFee + GasFee(gasLimit)</c>;
/// after the run the fee of unused gas, <c>GasFee(gasLimit) − GasFee(gasUsed)</c>, goes back to the sender and the
/// rest to the proposer, whatever the status.
/// </summary>
public static class ContractExecution
{
    /// <summary>The smallest fee a transaction with <paramref name="payload"/> may carry (saturating, never overflows).</summary>
    public static ulong RequiredFee(ulong minFee, TransactionPayload payload)
    {
        if (payload is not IContractPayload contract)
        {
            return minFee;
        }

        var gasFee = ContractLimits.GasFee(Math.Min(contract.GasLimit, ContractLimits.MaxGasLimit));
        return ulong.MaxValue - minFee < gasFee ? ulong.MaxValue : minFee + gasFee;
    }

    /// <summary>
    /// Runs the payload after the nonce advanced and the whole fee left the sender; credits the proposer with the
    /// charged fee and refunds the rest. Throws when the block has no contract host: a node configuration error that
    /// must never become a silent difference between validators.
    /// </summary>
    internal static TransactionOutcome Apply(IStateView state, BlockContext context, SignedTransaction signed)
    {
        var host = context.Contracts
            ?? throw new InvalidOperationException("a contract transaction needs a contract host: set ExecutionOptions.Contracts (or BlockContext.Contracts)");
        var tx = signed.Body;
        var invocation = new ContractInvocation(tx.SenderAddress, tx.Nonce, tx.Payload) { Origin = signed.Hash };
        var limit = invocation.GasLimit;
        var result = host.Execute(state, context, invocation);
        var used = Math.Min(result.GasUsed, limit);
        var refund = ContractLimits.GasFee(limit) - ContractLimits.GasFee(used);
        var charged = tx.Fee - refund;
        if (refund > 0)
        {
            var sender = state.GetAccount(tx.SenderAddress);
            state.SetAccount(tx.SenderAddress, sender with { Balance = checked(sender.Balance + refund) });
        }

        state.CreditFee(context.Proposer, charged);
        var outcome = result.ToOutcome() with { GasUsed = used };
        return TransactionOutcome.Included(new Receipt(signed.Hash, result.Status, charged, outcome));
    }
}
