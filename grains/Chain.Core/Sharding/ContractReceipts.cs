using Chain.Core.Execution;
using Chain.Core.State;
using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;
using Chain.Protocol.Sharding;
using Chain.Protocol.Transactions;

namespace Chain.Core.Sharding;

/// <summary>
/// Asynchronous cross-shard contract calls (docs/protocol.md §13.4): a contract's <c>call_async</c> debits the attached value and
/// sends a <see cref="ShardReceiptKind.Call"/> receipt to the callee's shard; applying it runs the callee with the value and the
/// receipt's (prepaid) gas, and sends a <see cref="ShardReceiptKind.Callback"/> back with the outcome and, on failure, the value;
/// applying that runs the caller's callback method. Both run in lane 0 (contracts run on the metashard) on the contract channel,
/// whose sequences are apart from the transfer channel's that lanes 1..N-1 apply concurrently.
/// Value is never lost: a failed call returns it in the callback; a failed (or absent) callback still credits it to the caller.
/// </summary>
public static class ContractReceipts
{
    /// <summary>
    /// The receipt a contract's <c>call_async</c> sends, unnumbered (<see cref="CrossShard.Sending"/> numbers it), or null when the
    /// callee lives on the caller's shard (then the synchronous <c>call</c> is the way).
    /// </summary>
    public static ShardReceipt? Call(BlockContext context, Hash32 origin, Address caller, Address callee, ulong value, string method, byte[] args, ulong gas, string callback, ulong callbackGas)
    {
        var shards = context.Parameters.ShardCount;
        var (source, destination) = (ShardMap.ShardOf(caller, shards), ShardMap.ShardOf(callee, shards));
        if (source == destination)
        {
            return null;
        }

        return new ShardReceipt(ShardReceiptKind.Call, source, destination, 0, context.Height, origin, caller, callee, value)
        {
            Message = new ContractMessage(method, gas, callback, callbackGas, ReceiptStatus.Success, args),
        };
    }

    /// <summary>Whether <paramref name="from"/> may call <paramref name="to"/> synchronously: both live on one shard.</summary>
    public static bool SameShard(BlockContext context, Address from, Address to) =>
        ShardMap.ShardOf(from, context.Parameters.ShardCount) == ShardMap.ShardOf(to, context.Parameters.ShardCount);

    /// <summary>Applies a call or callback whose sequence <see cref="CrossShard.Apply"/> has advanced.</summary>
    internal static IncomingOutcome Apply(IStateView state, BlockContext context, ShardReceipt receipt)
    {
        var host = context.Contracts
            ?? throw new InvalidOperationException("a contract receipt needs a contract host: set ExecutionOptions.Contracts (or BlockContext.Contracts)");
        var message = receipt.Message!;
        return receipt.Kind == ShardReceiptKind.Call ? ApplyCall(state, context, host, receipt, message) : ApplyCallback(state, context, host, receipt, message);
    }

    /// <summary>Runs the callee; on success its writes stay and the callback carries its return data, else the value goes back.</summary>
    private static IncomingOutcome ApplyCall(IStateView state, BlockContext context, IContractHost host, ShardReceipt receipt, ContractMessage message)
    {
        var result = Run(state, context, host, receipt, receipt.To, message.Method, message.Data, message.GasLimit);
        var ok = result.Succeeded;
        var data = ok ? result.ReturnData : result.ToOutcome().Message;
        Emit(state, context, receipt, new ContractMessage(message.Callback, message.CallbackGas, string.Empty, 0, result.Status, data), refund: ok ? 0 : receipt.Amount);
        return ok ? IncomingOutcome.CallSucceeded : IncomingOutcome.CallFailed;
    }

    /// <summary>
    /// Runs the caller's callback with input <c>status u8 | data</c> and the refund as its value; a callback that fails (or none)
    /// leaves the refund credited to the caller all the same.
    /// </summary>
    private static IncomingOutcome ApplyCallback(IStateView state, BlockContext context, IContractHost host, ShardReceipt receipt, ContractMessage message)
    {
        if (message.Method.Length > 0)
        {
            var result = Run(state, context, host, receipt, receipt.To, message.Method, [(byte)message.Status, .. message.Data], message.GasLimit);
            if (result.Succeeded)
            {
                return IncomingOutcome.CallbackCompleted;
            }
        }

        if (receipt.Amount > 0)
        {
            // No balance can exceed the total supply, and the refund was part of it: this cannot overflow.
            var caller = state.GetAccount(receipt.To);
            state.SetAccount(receipt.To, caller with { Balance = checked(caller.Balance + receipt.Amount) });
        }

        return message.Method.Length > 0 ? IncomingOutcome.CallbackFailed : IncomingOutcome.CallbackCompleted;
    }

    private static ContractResult Run(IStateView state, BlockContext context, IContractHost host, ShardReceipt receipt, Address contract, string method, byte[] input, ulong gas)
    {
        if (!ContractLimits.IsCallableMethod(method))
        {
            return ContractResult.Failure(ReceiptStatus.UnknownMethod, 0, "no such method");
        }

        var invocation = new ContractInvocation(receipt.From, 0, new Call(contract, method, input, receipt.Amount, Math.Min(gas, ContractLimits.MaxGasLimit)))
        {
            Origin = receipt.Origin,
            ValueInFlight = true,
        };
        return host.Execute(state, context, invocation);
    }

    private static void Emit(IStateView state, BlockContext context, ShardReceipt call, ContractMessage message, ulong refund) =>
        CrossShard.Emit(state, new ShardReceipt(ShardReceiptKind.Callback, call.Destination, call.Source, 0, context.Height, call.Origin, call.To, call.From, refund)
        {
            Message = message,
        });

    /// <summary>The callback input for <paramref name="status"/> and <paramref name="data"/>, as a callback method reads it.</summary>
    public static byte[] CallbackInput(ReceiptStatus status, byte[] data) => [(byte)status, .. data];
}
