using Chain.Core.Execution;
using Chain.Core.State;
using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;
using Chain.Protocol.Proofs;
using Wasmtime;

namespace Chain.Contracts;

/// <summary>
/// One transaction's (or query's) execution: a single Store that every nested frame instantiates into (so they share one
/// wasm stack budget and one fuel counter), the frame stack, and the counters behind the per-transaction limits.
/// Reads fall through the frames' write buffers to the state; nothing reaches the state until <see cref="Commit"/>.
/// </summary>
internal sealed class ExecutionSession : IDisposable
{
    private readonly ContractRuntime _runtime;
    private readonly IStateReader _state;
    private readonly HashSet<Address> _active = [];

    public ExecutionSession(ContractRuntime runtime, IStateReader state, BlockContext context, bool readOnly, ulong gasLimit)
    {
        _runtime = runtime;
        _state = state;
        Context = context;
        ReadOnly = readOnly;
        Store = new Store(runtime.Engine, this);
        Store.SetLimits(
            memorySize: (long)RuntimeLimits.MaxMemoryPages * 65536,
            tableElements: RuntimeLimits.MaxTableElements,
            instances: RuntimeLimits.MaxInstances,
            tables: RuntimeLimits.MaxInstances,
            memories: RuntimeLimits.MaxInstances);
        Store.Fuel = gasLimit;
    }

    public Store Store { get; }

    public BlockContext Context { get; }

    /// <summary>The hash of the transaction this execution belongs to: the origin of the cross-shard receipts it sends.</summary>
    public Hash32 Origin { get; init; }

    public bool ReadOnly { get; }

    public CallFrame? Current { get; private set; }

    public int EventCount { get; set; }

    public byte[]? Read(byte[] key) => Current is { } frame && frame.TryRead(key, out var value) ? value : _state.Get(key);

    public AccountState GetAccount(Address address, CallFrame frame)
    {
        var key = StateKeys.Account(address);
        var bytes = frame.TryRead(key, out var buffered) ? buffered : _state.Get(key);
        return bytes is null ? AccountState.Empty : AccountState.Decode(bytes);
    }

    public static void SetAccount(CallFrame frame, Address address, AccountState account) =>
        frame.Write(StateKeys.Account(address), AccountStore.Encode(account));

    /// <summary>Charges gas outside wasm (intrinsic costs); out of gas ends the frame.</summary>
    public void Charge(ulong amount)
    {
        var fuel = Store.Fuel;
        if (fuel < amount)
        {
            Store.Fuel = 0;
            throw new ContractFailure(ReceiptStatus.OutOfGas, "out of gas");
        }

        Store.Fuel = fuel - amount;
    }

    /// <summary>The contract's module (charging its load cost), or a failure: no contract there.</summary>
    public LoadedModule LoadContract(Address contract, CallFrame? frame)
    {
        var recordKey = StateKeys.Contract(contract);
        var recordBytes = frame is not null && frame.TryRead(recordKey, out var buffered) ? buffered : Read(recordKey);
        if (recordBytes is null)
        {
            throw new ContractFailure(ReceiptStatus.UnknownContract, "no contract at this address");
        }

        var record = ContractRecord.Decode(recordBytes);
        var codeKey = StateKeys.ContractCode(record.CodeHash);
        var code = (frame is not null && frame.TryRead(codeKey, out var bufferedCode) ? bufferedCode : Read(codeKey))
            ?? throw new InvalidOperationException($"contract {contract} has no code {record.CodeHash} in state");
        Charge(GasSchedule.LoadPerCodeByte * (ulong)code.Length);
        var (module, problem) = _runtime.Modules.GetOrLoad(record.CodeHash, code);
        return module ?? throw new InvalidOperationException($"stored code {record.CodeHash} no longer validates: {problem}");
    }

    /// <summary>
    /// Instantiates <paramref name="module"/> in this Store and runs <paramref name="method"/> in <paramref name="frame"/>.
    /// Throws what the run threw (classify with <see cref="FailureClassifier"/>). Re-entrancy is fatal to the transaction.
    /// </summary>
    public void RunFrame(LoadedModule module, string method, CallFrame frame, int depth)
    {
        if (depth > RuntimeLimits.MaxCallDepth)
        {
            throw new ContractFailure(ReceiptStatus.DepthExceeded, "call depth limit reached");
        }

        if (_active.Contains(frame.Contract))
        {
            throw new ContractFailure(ReceiptStatus.Reentrancy, "re-entrant call refused", fatal: true);
        }

        var saved = Current;
        _active.Add(frame.Contract);
        Current = frame;
        try
        {
            var instance = _runtime.Linker.Instantiate(Store, module.Module);
            var action = instance.GetAction(method) ?? throw new ContractFailure(ReceiptStatus.UnknownMethod, "no such method");
            action();
        }
        finally
        {
            Current = saved;
            _active.Remove(frame.Contract);
        }
    }

    /// <summary>The frame depth of <paramref name="frame"/> (the root is 1).</summary>
    public static int DepthOf(CallFrame frame)
    {
        var depth = 0;
        for (var f = frame; f is not null; f = f.Parent)
        {
            depth++;
        }

        return depth;
    }

    /// <summary>Applies the root frame's writes to the state view, in first-write order.</summary>
    public static void Commit(CallFrame root, IStateView state)
    {
        foreach (var (key, value) in root.Writes)
        {
            state.Set(key, value);
        }
    }

    public void Dispose() => Store.Dispose();
}
