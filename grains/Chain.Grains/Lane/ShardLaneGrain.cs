using Chain.Core.Pool;
using Chain.GrainInterfaces;
using Chain.Grains.Hosting;
using Chain.Protocol.Crypto;
using Chain.Protocol.Genesis;
using Chain.Protocol.Proofs;
using Chain.Protocol.Sharding;
using Chain.Protocol.Transactions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace Chain.Grains.Lane;

/// <summary>
/// One shard's lane (see <see cref="IShardLaneGrain"/>): its mempool, and the committed accounts of the senders waiting in it. The
/// accounts come from the ledger: read once when a sender first shows up, then kept current by the ledger's hand-over after each
/// block (<see cref="OnChunkFinalAsync"/>). Everything here is soft state; a new activation on any silo starts empty and reads what it
/// needs. Not reentrant: a hand-over is applied between two admissions, never in the middle of one.
/// </summary>
[ShardLanePlacement]
public sealed partial class ShardLaneGrain(
    GenesisDocument genesis,
    IOptions<BlockProductionOptions> options,
    IClusterMembershipService membership,
    ILocalSiloDetails silo,
    ILogger<ShardLaneGrain> log)
    : Grain, IShardLaneGrain
{
    /// <summary>The most addresses one read from the ledger carries (<see cref="IShardGrain.GetCommittedAccountsAsync"/>'s bound).</summary>
    public const int MaxAccountsPerRead = 4096;

    private readonly Dictionary<Address, AccountState> _accounts = [];
    private Mempool _mempool = null!;
    private ushort _shard;

    /// <summary>The last block whose hand-over was applied; 0 until the first one (the cache is then as fresh as its reads).</summary>
    private ulong _height;

    private bool _moving;

    private IShardGrain Ledger => GrainFactory.GetGrain<IShardGrain>(ClusterDefaults.ShardZero);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyLong();
        if (key < 1 || key >= genesis.Parameters.ShardCount)
        {
            throw new InvalidOperationException($"no lane {key}: the chain has shards 0 to {genesis.Parameters.ShardCount - 1}, and shard 0's lane is the ledger's");
        }

        _shard = (ushort)key;
        _mempool = new Mempool(options.Value.MempoolCapacity);
        LaneLog.Activated(log, _shard, RuntimeIdentity);
        return Task.CompletedTask;
    }

    /// <summary>
    /// A lane going away in good order (its silo shutting down, an idle collection, a test) hands what waits in it to the ledger,
    /// which keeps it in its own mempool until a block includes it: accepted transactions survive anything short of the silo dying
    /// outright. Awaited (the ledger never calls back into a lane while adopting), so a stopping silo does not drop the message.
    /// </summary>
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_mempool is { Count: > 0 })
        {
            SignedTransaction[] pending = [.. _mempool.Pending()];
            LaneLog.HandingBack(log, _shard, pending.Length, reason.Description);
            try
            {
                await Ledger.AdoptAsync(new Immutable<SignedTransaction[]>(pending)).WaitAsync(cancellationToken);
            }
            catch (Exception e) when (e is OrleansException or TimeoutException or OperationCanceledException)
            {
                LaneLog.HandBackFailed(log, _shard, pending.Length, e.Message);
            }
        }
    }

    public async Task<SubmitResult[]> AdmitAsync(Immutable<SignedTransaction[]> checkedTransactions)
    {
        var transactions = checkedTransactions.Value;
        var results = new SubmitResult[transactions.Length];
        var mine = new List<int>(transactions.Length);
        for (var i = 0; i < transactions.Length; i++)
        {
            var lane = ChunkLayout.LaneOf(transactions[i], genesis.Parameters.ShardCount);
            if (lane == _shard)
            {
                mine.Add(i);
            }
            else
            {
                results[i] = new SubmitResult(false, transactions[i].Hash.ToArray(), (int)TxErrorCode.Malformed, $"the transaction belongs to lane {lane}, not {_shard}: submit it through the admission grain");
            }
        }

        await ReadAccountsAsync(mine.Select(i => transactions[i].Body.SenderAddress));
        foreach (var i in mine)
        {
            var tx = transactions[i];
            var (error, message) = _mempool.TryAdd(tx, _accounts[tx.Body.SenderAddress], genesis.Parameters.MinFee);
            results[i] = error == TxErrorCode.None
                ? new SubmitResult(true, tx.Hash.ToArray(), 0, null)
                : new SubmitResult(false, tx.Hash.ToArray(), (int)error, message);
        }

        return results;
    }

    public Task<Immutable<SignedTransaction[]>> GetCandidatesAsync(int max)
    {
        var limit = Math.Clamp(max, 0, (int)genesis.Parameters.MaxBlockTransactions);
        return Task.FromResult(new Immutable<SignedTransaction[]>([.. _mempool.Candidates(limit, Committed)]));
    }

    public async Task<int> OnChunkFinalAsync(LaneChunk chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        if (chunk.Addresses.Length != chunk.Accounts.Length)
        {
            throw new ArgumentException("a lane chunk pairs each address with one account", nameof(chunk));
        }

        if (_height != 0 && chunk.Height <= _height)
        {
            return _mempool.Count; // a late or repeated hand-over: the cache already reflects it
        }

        var included = chunk.TransactionHashes.Select(h => _mempool.Find(new Hash32(h))).OfType<SignedTransaction>().ToList();
        if (_height != 0 && chunk.Height != _height + 1)
        {
            // A block was missed: what the cache holds may be stale. Read every waiting sender again from the ledger.
            LaneLog.Gap(log, _shard, _height, chunk.Height);
            _accounts.Clear();
            _height = chunk.Height;
            await ReadAccountsAsync(_mempool.Senders);
        }
        else
        {
            _height = chunk.Height;
            for (var i = 0; i < chunk.Addresses.Length; i++)
            {
                var address = new Address(chunk.Addresses[i]);
                if (_accounts.ContainsKey(address))
                {
                    _accounts[address] = chunk.Accounts[i].Length == 0 ? AccountState.Empty : AccountState.Decode(chunk.Accounts[i]);
                }
            }
        }

        _mempool.Prune(included, Committed);
        foreach (var address in _accounts.Keys.Where(a => !_mempool.Senders.Contains(a)).ToList())
        {
            _accounts.Remove(address); // the cache holds the waiting senders only
        }

        MoveIfMisplaced();
        return _mempool.Count;
    }

    public Task<LaneStatus> GetStatusAsync() =>
        Task.FromResult(new LaneStatus(_shard, RuntimeIdentity, _height, _mempool.Count));

    public Task<bool> HoldsAsync(byte[] transactionHash) =>
        Task.FromResult(transactionHash.Length == Hash32.Size && _mempool.Contains(new Hash32(transactionHash)));

    /// <summary>
    /// Silos join after lanes were placed (a cluster starting up, a silo added): when placement would now choose another silo for
    /// this lane, it migrates there once idle, so the lanes spread again. Its mempool goes to the ledger on the way
    /// (<see cref="OnDeactivateAsync"/>), so nothing accepted is dropped.
    /// </summary>
    private void MoveIfMisplaced()
    {
        if (_moving)
        {
            return;
        }

        var active = membership.CurrentSnapshot.Members.Values.Where(m => m.Status == SiloStatus.Active).Select(m => m.SiloAddress).ToList();
        if (active.Count > 1 && ChainPlacementDirector.LaneSilo(active, _shard) is var target && !target.Equals(silo.SiloAddress))
        {
            _moving = true;
            LaneLog.Moving(log, _shard, silo.SiloAddress, target);
            MigrateOnIdle();
        }
    }

    private AccountState Committed(Address address) => _accounts.GetValueOrDefault(address) ?? AccountState.Empty;

    /// <summary>Reads from the ledger the accounts of these senders that the cache does not hold yet.</summary>
    private async Task ReadAccountsAsync(IEnumerable<Address> senders)
    {
        var missing = senders.Where(a => !_accounts.ContainsKey(a)).Distinct().ToList();
        foreach (var page in missing.Chunk(MaxAccountsPerRead))
        {
            var read = await Ledger.GetCommittedAccountsAsync([.. page.Select(a => a.ToArray())]);
            for (var i = 0; i < page.Length; i++)
            {
                _accounts[page[i]] = read.Accounts[i].Length == 0 ? AccountState.Empty : AccountState.Decode(read.Accounts[i]);
            }
        }
    }
}
