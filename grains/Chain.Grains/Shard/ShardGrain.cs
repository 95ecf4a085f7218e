using Chain.Core.Blocks;
using Chain.Core.Execution;
using Chain.Core.Pool;
using Chain.Core.State;
using Chain.GrainInterfaces;
using Chain.Grains.Consensus;
using Chain.Grains.Events;
using Chain.Grains.Hosting;
using Chain.Grains.Lane;
using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;
using Chain.Protocol.Encoding;
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
/// One shard: the mempool, the node's committed ledger and the shard's event stream. Validators pull
/// candidates from it and hand it the blocks they decide; it checks each block's certificate against the
/// active set, re-executes it, and confirms one <see cref="ChunkCommitted"/> with one atomic write
/// (ShardGrain.Storage.cs). It produces nothing itself and holds no key.
/// </summary>
[LogConsistencyProvider(ProviderName = ShardGrain.LogProvider)]
[LedgerPlacement]
public sealed partial class ShardGrain(
    LedgerStore ledger,
    GenesisDocument genesis,
    DecidedBlocks decided,
    IContractHost contracts,
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
    private long _shardId;

    private string StreamId => $"shard-{this.GetPrimaryKeyLong()}";

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _shardId = this.GetPrimaryKeyLong();
        await base.OnActivateAsync(cancellationToken);
        _mempool = new Mempool(_options.MempoolCapacity);
        if (!State.GenesisApplied)
        {
            var root = _tree.Update(Hash32.Zero, GenesisState.Changes(genesis), Environment.ProcessorCount).Root;
            // Conditional: if another activation (or a write whose outcome was lost) applied genesis first, keep that.
            if (await RaiseConditionalEvent(new GenesisApplied(genesis.Hash().ToArray(), root.ToArray(), genesis.GenesisTimeUnixMs)))
            {
                ShardLog.GenesisApplied(log, _shardId, genesis.ChainId, root);
            }
        }
        else
        {
            ShardLog.Resumed(log, _shardId, State.Height, new Hash32(State.StateRoot));
        }

        CountInFlight();
    }

    /// <summary>Shard 0's lane is admitted here; with several shards, the others' transactions go to their lanes.</summary>
    public Task<SubmitResult[]> AdmitAsync(Immutable<SignedTransaction[]> checkedTransactions) =>
        Shards == 1
            ? Task.FromResult(AdmitHere(checkedTransactions.Value))
            : LaneRouting.AdmitAsync(GrainFactory, genesis, checkedTransactions.Value, batch => Task.FromResult(AdmitHere(batch)));

    private SubmitResult[] AdmitHere(SignedTransaction[] transactions)
    {
        var results = new SubmitResult[transactions.Length];

        // A batch usually carries several transactions per sender; committed state cannot change during this call (the grain is
        // not reentrant), so each sender's account is read from the store once.
        var accounts = new Dictionary<Address, AccountState>();
        for (var i = 0; i < transactions.Length; i++)
        {
            var sender = transactions[i].Body.SenderAddress;
            if (!accounts.TryGetValue(sender, out var account))
            {
                accounts[sender] = account = CommittedAccount(sender);
            }

            results[i] = Admit(transactions[i], account);
        }

        return results;
    }

    public Task<Immutable<SignedTransaction[]>> GetCandidatesAsync(int max)
    {
        var limit = Math.Clamp(max, 0, (int)genesis.Parameters.MaxBlockTransactions);
        return Task.FromResult(new Immutable<SignedTransaction[]>([.. _mempool.Candidates(limit, CommittedAccount, genesis.Parameters.ShardCount)]));
    }

    public async Task<int> GetPendingCountAsync()
    {
        await RefreshLanesAsync();
        return PendingWork;
    }

    public async Task<int> CommitAsync(Immutable<byte[]> finalizedBlock)
    {
        // The header and certificate first: when a validator on this silo executed the block, its body is never decoded again.
        BlockHeader header;
        QuorumCertificate certificate;
        try
        {
            (header, certificate) = FinalizedBlock.DecodeHeaderAndCertificate(finalizedBlock.Value);
        }
        catch (DecodeException e)
        {
            throw new ArgumentException($"not a finalized block: {e.Message}", nameof(finalizedBlock));
        }

        var height = header.Height;
        if (height <= State.Height)
        {
            var stored = ledger.Blocks.GetByHeight(height)?.Header.Hash() ?? Hash32.Zero;
            var offered = header.Hash();
            if (stored != offered)
            {
                ShardLog.ConflictingCommit(log, height, offered, stored);
                throw new InvalidOperationException($"block {height} conflicts with the committed block {stored}: a safety violation or a forged certificate");
            }

            return PendingWork;
        }

        if (height != State.Height + 1)
        {
            throw new ArgumentException($"the ledger is at height {State.Height}; block {height} does not follow it", nameof(finalizedBlock));
        }

        var validators = ChainRules.ActiveSet(ledger.State);
        var check = CertificateVerifier.Verify(header, certificate, validators);
        if (!check.IsValid)
        {
            throw new ArgumentException($"block {height} is not certified: {check.Error}", nameof(finalizedBlock));
        }

        // A validator on this silo already executed this exact block on a replica at this height: take its write set.
        var proposal = decided.Find(header.Hash()) is { } known && known.Header == header && known.Header.PreviousHash == Head().BlockHash
            ? known
            : null;
        if (proposal is null)
        {
            FinalizedBlock block;
            try
            {
                block = FinalizedBlock.Decode(finalizedBlock.Value);
            }
            catch (DecodeException e)
            {
                throw new ArgumentException($"not a finalized block: {e.Message}", nameof(finalizedBlock));
            }

            (proposal, var error) = ChainRules.VerifyCertified(genesis, Head(), block.ToBlock(), ledger.State, _tree, contracts);
            if (proposal is null)
            {
                throw new ArgumentException($"block {height} is certified but does not re-execute: {error}", nameof(finalizedBlock));
            }
        }

        var finalized = proposal.Finalize(certificate);
        _pending = new PendingCommit(finalized, proposal.Tree, ChainRules.NextSet(proposal), proposal.Changes);
        bool appended;
        try
        {
            // Conditional, so a retry after a write whose outcome was lost (the shared store committed it, the
            // reply did not arrive) cannot append the block twice: the re-read stream already holds it.
            appended = await RaiseConditionalEvent(new ChunkCommitted(
                height,
                proposal.Header.Hash().ToArray(),
                proposal.Header.TimeUnixMs,
                proposal.Header.StateRoot.ToArray(),
                finalized.Encode(),
                ShardEventCodec.EncodeChanges(proposal.Changes)));
        }
        finally
        {
            _pending = null;
        }

        if (!appended && ledger.Blocks.GetByHeight(height)?.Header.Hash() != header.Hash())
        {
            throw new InvalidOperationException($"block {height} was not committed: the shard's stream moved on concurrently; retry");
        }

        _mempool.Prune(proposal.Transactions, CommittedAccount);
        foreach (var tx in proposal.Transactions)
        {
            ReleaseWaiters(tx.Hash);
        }

        OnCrossShardCommitted(finalized);
        await HandOverToLanesAsync(height, proposal.Transactions, proposal.Changes);

        ShardLog.BlockFinal(log, height, proposal.Transactions.Count, certificate.Round, check.SignedPower, check.TotalPower, proposal.Header.StateRoot);
        return PendingWork;
    }

    private SubmitResult Admit(SignedTransaction tx, AccountState committedSender)
    {
        var (error, message) = _mempool.TryAdd(tx, committedSender, genesis.Parameters.MinFee);
        return error == TxErrorCode.None
            ? new SubmitResult(true, tx.Hash.ToArray(), 0, null)
            : new SubmitResult(false, tx.Hash.ToArray(), (int)error, message);
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
