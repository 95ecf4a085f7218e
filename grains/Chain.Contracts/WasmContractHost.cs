using Chain.Core.Execution;
using Chain.Core.State;
using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;
using Chain.Protocol.Proofs;
using Chain.Protocol.Transactions;

namespace Chain.Contracts;

/// <summary>
/// The WebAssembly <see cref="IContractHost"/>: Wasmtime under a deterministic configuration, the host ABI v1, gas =
/// fuel plus <see cref="GasSchedule"/>, and the limits of <see cref="RuntimeLimits"/> (docs/contracts.md). One instance
/// per process (it owns the engine, the module cache and the contract threads); thread-safe. Give it to execution as
/// <c>new ExecutionOptions { Contracts = host }</c>.
/// </summary>
public sealed class WasmContractHost : IContractHost, IDisposable
{
    private readonly ContractRuntime _runtime;
    private readonly ContractThreads _threads;
    private int _disposed;

    /// <param name="threads">Contract threads (16 MiB stacks each); default: one per core.</param>
    /// <param name="moduleCacheCapacity">Compiled modules kept in memory.</param>
    public WasmContractHost(int threads = 0, int moduleCacheCapacity = 256)
    {
        _runtime = new ContractRuntime(moduleCacheCapacity);
        _threads = new ContractThreads(threads > 0 ? threads : Math.Max(2, Environment.ProcessorCount));
    }

    /// <summary>Compiled modules in the cache.</summary>
    public int CachedModules => _runtime.Modules.Count;

    /// <summary>Checks <paramref name="code"/> as a deploy would (and caches it); null when it is acceptable, else why not.</summary>
    public string? Validate(byte[] code) =>
        _threads.Run(() => _runtime.Modules.GetOrLoad(ContractRecord.CodeHashOf(code), code).Problem);

    public ContractResult Execute(IStateView state, BlockContext context, ContractInvocation invocation) =>
        _threads.Run(() => ExecuteHere(state, context, invocation));

    public ContractResult Query(IStateReader state, BlockContext context, ContractQuery query) =>
        _threads.Run(() => QueryHere(state, context, query));

    /// <summary>Stops the contract threads and frees the engine. Idempotent: a DI container that registered the host
    /// under two service types disposes it twice.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _threads.Dispose();
        _runtime.Dispose();
    }

    private ContractResult ExecuteHere(IStateView state, BlockContext context, ContractInvocation invocation)
    {
        var limit = invocation.GasLimit;
        using var session = new ExecutionSession(_runtime, state, context, readOnly: false, limit) { Origin = invocation.Origin };
        CallFrame? root = null;
        try
        {
            root = invocation.Payload switch
            {
                Deploy deploy => DeployContract(session, invocation, deploy),
                Call call => CallContract(session, invocation.Sender, call.Contract, call.Method, call.Args, call.Value, GasSchedule.CallBase, invocation.ValueInFlight),
                Upgrade upgrade => UpgradeContract(session, invocation.Sender, upgrade),
                var other => throw new ArgumentException($"{other.Kind} is not a contract payload", nameof(invocation)),
            };
        }
#pragma warning disable CA1031 // typed failures; invariant breaks are rethrown by Classify
        catch (Exception e) when (e is not ArgumentException)
#pragma warning restore CA1031
        {
            var (status, message, _) = FailureClassifier.Classify(e);
            return ContractResult.Failure(status, limit - session.Store.Fuel, message);
        }

        ExecutionSession.Commit(root, state);
        return new ContractResult(ReceiptStatus.Success, limit - session.Store.Fuel, root.ReturnData, string.Empty, root.Events);
    }

    private ContractResult QueryHere(IStateReader state, BlockContext context, ContractQuery query)
    {
        var limit = Math.Min(query.GasLimit, ContractLimits.MaxGasLimit);
        using var session = new ExecutionSession(_runtime, state, context, readOnly: true, limit);
        try
        {
            if (!ContractLimits.IsCallableMethod(query.Method))
            {
                throw new ContractFailure(ReceiptStatus.UnknownMethod, "no such method");
            }

            var root = CallContract(session, query.Caller, query.Contract, query.Method, query.Args, 0, GasSchedule.CallBase);
            return new ContractResult(ReceiptStatus.Success, limit - session.Store.Fuel, root.ReturnData, string.Empty, []);
        }
#pragma warning disable CA1031 // typed failures; invariant breaks are rethrown by Classify
        catch (Exception e)
#pragma warning restore CA1031
        {
            var (status, message, _) = FailureClassifier.Classify(e);
            return ContractResult.Failure(status, limit - session.Store.Fuel, message);
        }
    }

    private CallFrame DeployContract(ExecutionSession session, ContractInvocation invocation, Deploy deploy)
    {
        session.Charge(GasSchedule.DeployBase + (GasSchedule.DeployPerCodeByte * (ulong)deploy.Code.Length));
        var hash = ContractRecord.CodeHashOf(deploy.Code);
        var module = LoadNew(hash, deploy.Code);
        var address = ContractRecord.DeriveAddress(invocation.Sender, invocation.Nonce);
        if (session.Read(StateKeys.Contract(address)) is not null)
        {
            throw new ContractFailure(ReceiptStatus.Reverted, "a contract already exists at the derived address");
        }

        var root = new CallFrame(address, invocation.Sender, 0, deploy.InitArgs, null);
        StoreCode(session, root, hash, deploy.Code);
        root.Write(StateKeys.Contract(address), new ContractRecord(hash, 1, deploy.Admin).Encode());
        if (module.HasInit)
        {
            session.RunFrame(module, "init", root, 1);
        }

        root.ReturnData = address.ToArray();
        return root;
    }

    /// <param name="valueInFlight">The value arrived with a cross-shard receipt: credit it to the contract rather than move it from the sender.</param>
    private static CallFrame CallContract(ExecutionSession session, Address sender, Address contract, string method, byte[] args, ulong value, ulong baseCost, bool valueInFlight = false)
    {
        session.Charge(baseCost + (GasSchedule.CopyPerByte * (ulong)args.Length));
        var module = session.LoadContract(contract, null);
        if (!module.Methods.Contains(method))
        {
            throw new ContractFailure(ReceiptStatus.UnknownMethod, "no such method");
        }

        var root = new CallFrame(contract, sender, value, args, null);
        if (valueInFlight)
        {
            var account = session.GetAccount(contract, root);
            if (ulong.MaxValue - account.Balance < value)
            {
                throw new ContractFailure(ReceiptStatus.BalanceOverflow, "the call's value would overflow the contract's balance");
            }

            ExecutionSession.SetAccount(root, contract, account with { Balance = account.Balance + value });
        }
        else if (!HostFunctions.Move(session, root, sender, contract, value))
        {
            throw new ContractFailure(ReceiptStatus.InsufficientBalance, "the sender cannot pay the call's value");
        }

        session.RunFrame(module, method, root, 1);
        return root;
    }

    private CallFrame UpgradeContract(ExecutionSession session, Address sender, Upgrade upgrade)
    {
        session.Charge(GasSchedule.UpgradeBase + (GasSchedule.UpgradePerCodeByte * (ulong)upgrade.Code.Length));
        var recordBytes = session.Read(StateKeys.Contract(upgrade.Contract))
            ?? throw new ContractFailure(ReceiptStatus.UnknownContract, "no contract at this address");
        var record = ContractRecord.Decode(recordBytes);
        if (record.Admin != sender)
        {
            throw new ContractFailure(ReceiptStatus.NotAdmin, "only the contract's admin may upgrade it");
        }

        var hash = ContractRecord.CodeHashOf(upgrade.Code);
        LoadNew(hash, upgrade.Code);
        var root = new CallFrame(upgrade.Contract, sender, 0, [], null);
        StoreCode(session, root, hash, upgrade.Code);
        root.Write(StateKeys.Contract(upgrade.Contract), (record with { CodeHash = hash, Version = checked(record.Version + 1) }).Encode());
        return root;
    }

    private LoadedModule LoadNew(Hash32 hash, byte[] code)
    {
        var (module, problem) = _runtime.Modules.GetOrLoad(hash, code);
        return module ?? throw new ContractFailure(ReceiptStatus.InvalidModule, problem!);
    }

    private static void StoreCode(ExecutionSession session, CallFrame root, Hash32 hash, byte[] code)
    {
        var key = StateKeys.ContractCode(hash);
        if (session.Read(key) is null)
        {
            root.Write(key, code);
        }
    }
}
