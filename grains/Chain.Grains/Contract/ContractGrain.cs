using Chain.Core.Execution;
using Chain.GrainInterfaces;
using Chain.Grains.Contract.Events;
using Chain.Grains.Hosting;
using Chain.Protocol.Crypto;
using Chain.Protocol.Genesis;
using Chain.Protocol.Proofs;
using Chain.Protocol.Transactions;
using Chain.Storage;
using Orleans.EventSourcing;
using Orleans.EventSourcing.CustomStorage;
using Orleans.Providers;

namespace Chain.Grains.Contract;

/// <summary>
/// One contract account. Its stream is written only by the ledger (<see cref="ContractStreams"/>, in the block's own
/// batch); this grain replays it read-only and catches up at the start of every call from one store snapshot, so
/// the stream, the state and the height it reports are of the same committed block. Queries run through the
/// silo's contract host, whose module cache (by code hash) is shared with block execution; the grain caches
/// nothing that a later block could make stale.
/// </summary>
[LogConsistencyProvider(ProviderName = LogProvider)]
[LedgerPlacement]
public sealed partial class ContractGrain(LedgerStore ledger, GenesisDocument genesis, IContractHost contracts)
    : JournaledGrain<ContractState, ContractStreamEvent>, IContractGrain, ICustomStorageInterface<ContractState, ContractStreamEvent>
{
    public const string LogProvider = "ContractLog";

    /// <summary>Gas for a query that names none.</summary>
    public const ulong DefaultQueryGas = 10_000_000;

    private Address? _address;
    private string _keyError = string.Empty;
    private string _streamId = string.Empty;
    private ContractState _folded = new();
    private int _foldedVersion;
    private IKeyValueReader? _view;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (Address.TryParse(this.GetPrimaryKeyString(), out var address, out var error))
        {
            _address = address;
            _streamId = ContractStreams.StreamId(address);
        }
        else
        {
            _keyError = error;
        }

        return base.OnActivateAsync(cancellationToken);
    }

    public async Task<ContractInfo> GetInfoAsync()
    {
        using var view = await CatchUpAsync();
        var s = State;
        var latest = s.Versions.Count > 0 ? s.Versions[^1] : null;
        return new ContractInfo(
            Contract.ToArray(),
            s.Exists,
            latest?.Version ?? 0,
            latest?.CodeHash ?? [],
            s.Admin,
            s.Deployer,
            s.DeployedHeight,
            s.UpgradedHeight,
            [.. s.Versions],
            s.EventCount,
            s.StorageChangedHeight,
            new StateStore(view).LatestHeight ?? 0);
    }

    public async Task<ContractQueryResult> QueryAsync(string method, byte[] args, byte[]? caller, ulong gasLimit)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(args);
        if (caller is not null && caller.Length != Address.Size)
        {
            throw new ArgumentException($"a caller is {Address.Size} bytes", nameof(caller));
        }

        using var view = await CatchUpAsync();
        var state = new StateStore(view);
        var height = state.LatestHeight ?? 0;
        if (args.Length > ContractLimits.MaxArgsBytes)
        {
            return new ContractQueryResult((int)Protocol.Blocks.ReceiptStatus.LimitExceeded, 0, [], $"args are {args.Length} bytes; the limit is {ContractLimits.MaxArgsBytes}", height);
        }

        var time = height == 0 ? genesis.GenesisTimeUnixMs : new BlockStore(view).GetByHeight(height)?.Header.TimeUnixMs ?? genesis.GenesisTimeUnixMs;
        var context = new BlockContext(genesis.ChainId, height, time, default, genesis.Parameters) { Contracts = contracts };
        var gas = gasLimit == 0 ? DefaultQueryGas : Math.Min(gasLimit, ContractLimits.MaxGasLimit);
        var query = new ContractQuery(Contract, method, args, gas, caller is null ? default : new Address(caller));
        var result = contracts.Query(state, context, query);
        return new ContractQueryResult((int)result.Status, result.GasUsed, result.ReturnData, result.Message, height);
    }

    public async Task<byte[]?> GetCodeAsync(uint version)
    {
        using var view = await CatchUpAsync();
        var entry = State.Versions.Find(v => v.Version == version);
        return entry is null ? null : new StateStore(view).Get(StateKeys.ContractCode(new Hash32(entry.CodeHash)));
    }

    public async Task<ContractEventPage> GetEventsAsync(ulong fromHeight, ulong cursor, int limit)
    {
        if (limit is < 1 or > ContractEventPage.MaxLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, $"a page holds 1 to {ContractEventPage.MaxLimit} events");
        }

        using var view = await CatchUpAsync();
        var height = new StateStore(view).LatestHeight ?? 0;
        return ContractEventPaging.Read(new EventStreamStore(view), _streamId, Version, fromHeight, cursor, limit, height);
    }

    private Address Contract => _address ?? throw new ArgumentException($"'{this.GetPrimaryKeyString()}' is not a contract address: {_keyError}");

    /// <summary>Folds the stream up to a fresh snapshot of the store and returns that snapshot (the caller disposes it).</summary>
    private async Task<IKeyValueSnapshot> CatchUpAsync()
    {
        _ = Contract;
        var snapshot = ledger.KeyValues.CreateSnapshot();
        _view = snapshot;
        try
        {
            await RefreshNow();
        }
        catch
        {
            snapshot.Dispose();
            throw;
        }
        finally
        {
            _view = null;
        }

        return snapshot;
    }

    public Task<KeyValuePair<int, ContractState>> ReadStateFromStorage()
    {
        if (_address is not null)
        {
            var events = new EventStreamStore(_view ?? ledger.KeyValues);
            var state = _folded.Copy();
            var version = _foldedVersion;
            foreach (var stored in events.ReadEvents(_streamId, version))
            {
                state.Apply(ContractEventCodec.Decode(stored.Event));
                version = stored.Version + 1;
            }

            (_folded, _foldedVersion) = (state, version);
        }

        return Task.FromResult(new KeyValuePair<int, ContractState>(_foldedVersion, _folded.Copy()));
    }

    /// <summary>Never called: the grain raises no events; only the ledger appends to a contract's stream.</summary>
    public Task<bool> ApplyUpdatesToStorage(IReadOnlyList<ContractStreamEvent> updates, int expectedVersion) =>
        throw new InvalidOperationException("a contract grain is read-only: only the ledger appends to its stream");

    protected override void TransitionState(ContractState state, ContractStreamEvent @event) => state.Apply(@event);
}
