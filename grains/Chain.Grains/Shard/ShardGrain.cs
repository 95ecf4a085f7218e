using Chain.Core.Blocks;
using Chain.Core.Pool;
using Chain.Core.State;
using Chain.GrainInterfaces;
using Chain.Grains.Events;
using Chain.Grains.Hosting;
using Chain.Protocol.Crypto;
using Chain.Protocol.Genesis;
using Chain.Protocol.Proofs;
using Chain.Protocol.Transactions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.EventSourcing;
using Orleans.Providers;

namespace Chain.Grains.Shard;

/// <summary>
/// One shard: mempool, block production and the shard's event stream. Thin: execution, the state tree
/// and block assembly are Chain.Core; this class loads, calls the core, raises and confirms events.
/// One <see cref="ChunkCommitted"/> per block, confirmed with one atomic write (see ShardGrain.Storage.cs).
/// </summary>
[LogConsistencyProvider(ProviderName = ShardGrain.LogProvider)]
public sealed partial class ShardGrain(
    LedgerStore ledger,
    GenesisDocument genesis,
    ValidatorKey validatorKey,
    IOptions<BlockProductionOptions> options,
    TimeProvider clock,
    ILogger<ShardGrain> log)
    : JournaledGrain<ShardState, ShardEvent>, IShardGrain
{
    public const string LogProvider = "ShardLog";

    private readonly BlockProductionOptions _options = options.Value;
    private readonly SparseMerkleTree _tree = new(ledger.State);
    private readonly Dictionary<Hash32, List<TaskCompletionSource>> _waiters = [];
    private Mempool _mempool = null!;
    private long _lastBlockAtMs;
    private long _shardId;

    private string StreamId => $"shard-{this.GetPrimaryKeyLong()}";

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _shardId = this.GetPrimaryKeyLong();
        await base.OnActivateAsync(cancellationToken);
        _mempool = new Mempool(_options.MempoolCapacity);
        if (!State.GenesisApplied)
        {
            var root = _tree.Update(Hash32.Zero, GenesisState.Changes(genesis)).Root;
            RaiseEvent(new GenesisApplied(genesis.Hash().ToArray(), root.ToArray(), genesis.GenesisTimeUnixMs));
            await ConfirmEvents();
            ShardLog.GenesisApplied(log, _shardId, genesis.ChainId, root);
        }
        else
        {
            var root = new Hash32(State.StateRoot);
            ShardLog.Resumed(log, _shardId, State.Height, root);
        }

        _lastBlockAtMs = clock.GetUtcNow().ToUnixTimeMilliseconds();
        this.RegisterGrainTimer(OnTickAsync, new GrainTimerCreationOptions(_options.BlockInterval, _options.BlockInterval)
        {
            KeepAlive = true,
            Interleave = false,
        });
    }

    public async Task<SubmitResult[]> AdmitAsync(Immutable<byte[][]> checkedTransactions)
    {
        var raws = checkedTransactions.Value;
        var results = new SubmitResult[raws.Length];
        for (var i = 0; i < raws.Length; i++)
        {
            results[i] = Admit(raws[i]);
        }

        if (_mempool.Count >= genesis.Parameters.MaxBlockTransactions)
        {
            await ProduceBlockAsync();
        }

        return results;
    }

    private SubmitResult Admit(byte[] raw)
    {
        SignedTransaction tx;
        try
        {
            tx = SignedTransaction.Decode(raw);
        }
        catch (Chain.Protocol.Encoding.DecodeException e)
        {
            return new SubmitResult(false, null, (int)TxErrorCode.Malformed, e.Message);
        }

        var (error, message) = _mempool.TryAdd(tx, CommittedAccount(tx.Body.SenderAddress), genesis.Parameters.MinFee);
        return error == TxErrorCode.None
            ? new SubmitResult(true, tx.Hash.ToArray(), 0, null)
            : new SubmitResult(false, tx.Hash.ToArray(), (int)error, message);
    }

    private async Task OnTickAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        if (_mempool.Count > 0 || now - _lastBlockAtMs >= (long)_options.EmptyBlockInterval.TotalMilliseconds)
        {
            await ProduceBlockAsync();
        }
    }

    private async Task ProduceBlockAsync()
    {
        var head = Head();
        var candidates = _mempool.Candidates((int)genesis.Parameters.MaxBlockTransactions, CommittedAccount);
        var proposal = BlockAssembler.Propose(
            head,
            genesis.ChainId,
            genesis.Parameters,
            validatorKey.Address,
            clock.GetUtcNow().ToUnixTimeMilliseconds(),
            head.Height == 0 ? null : ledger.Blocks.GetByHeight(head.Height)?.Certificate,
            ledger.State,
            _tree,
            candidates);

        // One validator today: its precommit alone is the quorum. Consensus rounds replace this call.
        var signature = CommitSigner.Sign(proposal.Header, 0, proposal.Validators, validatorKey.Key);
        var block = proposal.Finalize(CommitSigner.Certificate(proposal.Header, 0, [signature]));
        _pending = new PendingCommit(block, proposal.Tree);
        RaiseEvent(new ChunkCommitted(
            proposal.Header.Height,
            proposal.Header.Hash().ToArray(),
            proposal.Header.TimeUnixMs,
            proposal.Header.StateRoot.ToArray(),
            block.Encode(),
            ShardEventCodec.EncodeChanges(proposal.Changes)));
        await ConfirmEvents();
        _pending = null;
        _lastBlockAtMs = clock.GetUtcNow().ToUnixTimeMilliseconds();

        _mempool.Prune(proposal.Transactions.Concat(proposal.Rejected.Select(r => r.Transaction)), CommittedAccount);
        foreach (var rejected in proposal.Rejected)
        {
            ShardLog.LeftOut(log, proposal.Header.Height, rejected.Transaction.Hash, rejected.Reason);
        }

        foreach (var tx in proposal.Transactions)
        {
            ReleaseWaiters(tx.Hash);
        }

        if (proposal.Transactions.Count > 0)
        {
            ShardLog.BlockFinal(log, proposal.Header.Height, proposal.Transactions.Count, proposal.Header.StateRoot);
        }
    }

    private ChainHead Head() => new(State.Height, new Hash32(State.BlockHash), State.TimeUnixMs, new Hash32(State.StateRoot));

    private AccountState CommittedAccount(Address address)
    {
        var bytes = ledger.State.Get(StateKeys.Account(address));
        return bytes is null ? AccountState.Empty : AccountState.Decode(bytes);
    }

    private void ReleaseWaiters(Hash32 hash)
    {
        if (_waiters.Remove(hash, out var waiters))
        {
            foreach (var waiter in waiters)
            {
                waiter.TrySetResult();
            }
        }
    }

    protected override void TransitionState(ShardState state, ShardEvent @event) => state.Apply(@event);

    protected override void OnConnectionIssue(ConnectionIssue issue)
    {
        // The provider retries failed writes with no backoff (dotnet/orleans#5107): keep it from spinning.
        if (issue.RetryDelay < TimeSpan.FromMilliseconds(200))
        {
            issue.RetryDelay = TimeSpan.FromMilliseconds(200);
        }

        ShardLog.StorageFailed(log, _shardId, issue, issue.RetryDelay);
    }
}
