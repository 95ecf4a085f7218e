using System.Text;
using Chain.Core.Sharding;
using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;
using Chain.Protocol.Proofs;
using Chain.Protocol.Transactions;
using Wasmtime;

namespace Chain.Contracts;

/// <summary>Storage, balances, events and contract-to-contract calls: everything that reads or writes state.</summary>
internal static partial class HostFunctions
{
    private static byte[] StorageKey(Caller c, int keyPtr, int keyLength)
    {
        Limit(keyLength is >= 0 and <= ContractLimits.MaxStorageKeyBytes, "storage key too large");
        return StateKeys.ContractStorage(Frame(c).Contract, Span(c, keyPtr, keyLength));
    }

    private static int StorageRead(Caller c, int keyPtr, int keyLength, int outPtr, int outCapacity)
    {
        Charge(c, GasSchedule.HostCall + GasSchedule.StorageReadBase + PerByte(GasSchedule.StorageReadPerByte, keyLength));
        var value = Session(c).Read(StorageKey(c, keyPtr, keyLength));
        if (value is null)
        {
            return -1;
        }

        Charge(c, PerByte(GasSchedule.StorageReadPerByte, value.Length));
        var copied = Math.Min(value.Length, Math.Max(outCapacity, 0));
        value.AsSpan(0, copied).CopyTo(Span(c, outPtr, copied));
        return value.Length;
    }

    private static void StorageWrite(Caller c, int keyPtr, int keyLength, int valuePtr, int valueLength)
    {
        RequireWritable(c);
        Limit(valueLength is >= 0 and <= ContractLimits.MaxStorageValueBytes, "storage value too large");
        Charge(c, GasSchedule.HostCall + GasSchedule.StorageWriteBase + PerByte(GasSchedule.StorageWritePerByte, keyLength + valueLength));
        var key = StorageKey(c, keyPtr, keyLength);
        Frame(c).Write(key, ReadBytes(c, valuePtr, valueLength));
    }

    private static int StorageRemove(Caller c, int keyPtr, int keyLength)
    {
        RequireWritable(c);
        Charge(c, GasSchedule.HostCall + GasSchedule.StorageRemoveBase + PerByte(GasSchedule.StorageRemovePerByte, keyLength));
        var key = StorageKey(c, keyPtr, keyLength);
        var existed = Session(c).Read(key) is not null;
        Frame(c).Write(key, null);
        return existed ? 1 : 0;
    }

    private static long Balance(Caller c)
    {
        Charge(c, GasSchedule.HostCall + GasSchedule.BalanceRead);
        var frame = Frame(c);
        return (long)Session(c).GetAccount(frame.Contract, frame).Balance;
    }

    private static int Transfer(Caller c, int toPtr, long amount)
    {
        RequireWritable(c);
        Charge(c, GasSchedule.HostCall + GasSchedule.Transfer);
        var to = new Address(Span(c, toPtr, Address.Size));
        var frame = Frame(c);
        return Move(Session(c), frame, frame.Contract, to, (ulong)amount) ? 0 : 1;
    }

    /// <summary>Moves native units inside <paramref name="frame"/>; false (and nothing written) when the balance or the recipient cannot take it.</summary>
    internal static bool Move(ExecutionSession session, CallFrame frame, Address from, Address to, ulong amount)
    {
        if (amount == 0 || from == to)
        {
            return session.GetAccount(from, frame).Balance >= amount;
        }

        var sender = session.GetAccount(from, frame);
        var recipient = session.GetAccount(to, frame);
        if (sender.Balance < amount || ulong.MaxValue - recipient.Balance < amount)
        {
            return false;
        }

        ExecutionSession.SetAccount(frame, from, sender with { Balance = sender.Balance - amount });
        ExecutionSession.SetAccount(frame, to, recipient with { Balance = recipient.Balance + amount });
        return true;
    }

    private static void EmitEvent(Caller c, int topicPtr, int topicLength, int dataPtr, int dataLength)
    {
        RequireWritable(c);
        Limit(topicLength is >= 0 and <= ContractLimits.MaxTopicBytes, "event topic too large");
        Limit(dataLength is >= 0 and <= ContractLimits.MaxEventDataBytes, "event data too large");
        var session = Session(c);
        Limit(session.EventCount < ContractLimits.MaxEvents, "too many events");
        Charge(c, GasSchedule.HostCall + GasSchedule.EventBase + PerByte(GasSchedule.EventPerByte, topicLength + dataLength));
        var frame = Frame(c);
        frame.Events.Add(new ContractEvent(frame.Contract, ReadBytes(c, topicPtr, topicLength), ReadBytes(c, dataPtr, dataLength)));
        session.EventCount++;
    }

    /// <summary>
    /// A synchronous same-shard call in the same Store (a callee on another shard fails with status 2: that takes <c>call_async</c>). 0 ok, 1 reverted, 2 failed; on a non-zero status the callee's
    /// writes and events are dropped and its revert reason (or the failure text) becomes the return data. The callee
    /// runs on a sub-budget of <paramref name="gas"/> (0 or less: all that is left); what it used is charged.
    /// </summary>
    private static int CallContract(Caller c, int addressPtr, int methodPtr, int methodLength, int argsPtr, int argsLength, long value, long gas)
    {
        Limit(methodLength is >= 0 and <= ContractLimits.MaxMethodLength, "method name too long");
        Limit(argsLength is >= 0 and <= ContractLimits.MaxArgsBytes, "call arguments too large");
        Charge(c, GasSchedule.HostCall + GasSchedule.NestedCallBase + PerByte(GasSchedule.CopyPerByte, Address.Size + methodLength + argsLength));
        var session = Session(c);
        var frame = Frame(c);
        if (value != 0)
        {
            RequireWritable(c);
        }

        var callee = new Address(Span(c, addressPtr, Address.Size));
        var method = Encoding.ASCII.GetString(Span(c, methodPtr, methodLength));
        var args = ReadBytes(c, argsPtr, argsLength);
        var available = c.Fuel;
        var budget = gas <= 0 ? available : Math.Min((ulong)gas, available);
        var kept = available - budget;
        c.Fuel = budget;
        var child = new CallFrame(callee, frame.Contract, (ulong)value, args, frame);
        int status;
        try
        {
            if (!ContractReceipts.SameShard(session.Context, frame.Contract, callee))
            {
                throw new ContractFailure(ReceiptStatus.UnknownContract, "the callee lives on another shard: use call_async");
            }

            var module = session.LoadContract(callee, frame);
            if (!ContractLimits.IsCallableMethod(method) || !module.Methods.Contains(method))
            {
                throw new ContractFailure(ReceiptStatus.UnknownMethod, "no such method");
            }

            if (!Move(session, child, frame.Contract, callee, (ulong)value))
            {
                throw new ContractFailure(ReceiptStatus.InsufficientBalance, "insufficient balance for the call's value");
            }

            session.RunFrame(module, method, child, ExecutionSession.DepthOf(child));
            child.CommitTo(frame);
            frame.LastCallData = child.ReturnData;
            status = 0;
        }
#pragma warning disable CA1031 // every failure of the callee becomes a status; invariant breaks are rethrown by Classify
        catch (Exception e)
#pragma warning restore CA1031
        {
            var (failure, message, fatal) = FailureClassifier.Classify(e);
            if (fatal)
            {
                throw;
            }

            frame.LastCallData = Encoding.UTF8.GetBytes(message);
            status = failure == ReceiptStatus.Reverted ? 1 : 2;
        }
        finally
        {
            c.Fuel = kept + c.Fuel;
        }

        return status;
    }

    /// <summary>
    /// Sends an asynchronous call to a contract on another shard (docs/protocol.md §13.4): 0 sent, 1 this contract cannot pay
    /// <paramref name="value"/>, 2 the callee is on this contract's shard (use <c>call</c>). On 0 the value has left this contract
    /// and the callee's and callback's gas limits are charged here in full (prepaid); the receipt leaves only if this frame and
    /// every caller up to the transaction commit. The callee runs in a later block; its outcome comes back to
    /// <paramref name="callbackLength"/> bytes' method (none when empty) with input <c>status u8 | data</c> and any refund as value.
    /// </summary>
    private static int CallAsync(Caller c, int addressPtr, int methodPtr, int methodLength, int argsPtr, int argsLength, long value, long gas, int callbackPtr, int callbackLength, long callbackGas)
    {
        RequireWritable(c);
        Limit(methodLength is >= 0 and <= ContractLimits.MaxMethodLength, "method name too long");
        Limit(callbackLength is >= 0 and <= ContractLimits.MaxMethodLength, "callback name too long");
        Limit(argsLength is >= 0 and <= ContractLimits.MaxArgsBytes, "call arguments too large");
        Limit(gas is > 0 and <= (long)ContractLimits.MaxGasLimit, "call_async gas must be 1 to the maximum gas limit");
        Limit(callbackGas is >= 0 and <= (long)ContractLimits.MaxGasLimit, "call_async callback gas must be 0 to the maximum gas limit");
        Charge(c, GasSchedule.HostCall + GasSchedule.AsyncCallBase + PerByte(GasSchedule.CopyPerByte, Address.Size + methodLength + argsLength + callbackLength));
        var session = Session(c);
        var frame = Frame(c);
        var callee = new Address(Span(c, addressPtr, Address.Size));
        var method = Encoding.ASCII.GetString(Span(c, methodPtr, methodLength));
        var callback = Encoding.ASCII.GetString(Span(c, callbackPtr, callbackLength));
        if (!ContractLimits.IsCallableMethod(method) || (callback.Length > 0 && !ContractLimits.IsCallableMethod(callback)))
        {
            throw new ContractFailure(ReceiptStatus.UnknownMethod, "call_async: not a callable method name");
        }

        var receipt = ContractReceipts.Call(session.Context, session.Origin, frame.Contract, callee, (ulong)value, method, ReadBytes(c, argsPtr, argsLength), (ulong)gas, callback, (ulong)callbackGas);
        if (receipt is null)
        {
            return 2;
        }

        var account = session.GetAccount(frame.Contract, frame);
        if (account.Balance < (ulong)value)
        {
            return 1;
        }

        Charge(c, checked((ulong)gas + (ulong)callbackGas));
        ExecutionSession.SetAccount(frame, frame.Contract, account with { Balance = account.Balance - (ulong)value });
        foreach (var (key, bytes) in CrossShard.Sending(session.Read, receipt))
        {
            frame.Write(key, bytes);
        }

        return 0;
    }
}
