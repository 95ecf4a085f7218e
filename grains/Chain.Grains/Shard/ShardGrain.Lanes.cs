using Chain.Core.State;
using Chain.GrainInterfaces;
using Chain.Grains.Lane;
using Chain.Protocol.Crypto;
using Chain.Protocol.Proofs;
using Chain.Protocol.Sharding;
using Chain.Protocol.Transactions;
using Orleans.Concurrency;

namespace Chain.Grains.Shard;

/// <summary>
/// The other shards' lanes (<see cref="IShardLaneGrain"/>, shards 1..N-1, spread over the silos): after each commit the ledger hands
/// each lane its part of the block (its transactions' hashes, its shard's changed accounts), and it asks them what waits when it
/// reports pending work. A lane that does not answer in time costs nothing final: the block is already committed, the lane catches
/// up at the next hand-over, and its count is taken as last known.
/// </summary>
public sealed partial class ShardGrain
{
    private static readonly TimeSpan LaneTimeout = TimeSpan.FromSeconds(2);

    /// <summary>What each lane (index = shard; 0 unused) last said waits in it.</summary>
    private int[] _lanePending = [];

    private ushort Shards => genesis.Parameters.ShardCount;

    private IShardLaneGrain Lane(ushort shard) => GrainFactory.GetGrain<IShardLaneGrain>(shard);

    public Task<CommittedAccounts> GetCommittedAccountsAsync(byte[][] addresses)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        if (addresses.Length > ShardLaneGrain.MaxAccountsPerRead || addresses.Any(a => a is null || a.Length != Address.Size))
        {
            throw new ArgumentException($"at most {ShardLaneGrain.MaxAccountsPerRead} addresses of {Address.Size} bytes each", nameof(addresses));
        }

        var height = State.Height;
        return Task.FromResult(new CommittedAccounts(height, [.. addresses.Select(a => ledger.State.Get(StateKeys.Account(new Address(a))) ?? [])]));
    }

    public Task AdoptAsync(Immutable<SignedTransaction[]> checkedTransactions)
    {
        // Straight into this mempool, not routed: the lane that held them is going away. Its shard's accounts are all here too,
        // and a proposer's candidates are split into lanes by what each transaction is, not by which mempool offered it.
        var results = AdmitHere(checkedTransactions.Value);
        var accepted = results.Count(r => r.Accepted);
        LaneLog.Adopted(log, accepted, results.Length);
        return Task.CompletedTask;
    }

    private int LanesPending => _lanePending.Sum();

    /// <summary>Hands every lane its part of the block just committed; their answers update what they are known to hold.</summary>
    private async Task HandOverToLanesAsync(ulong height, IReadOnlyList<SignedTransaction> transactions, IReadOnlyList<StateChange> changes)
    {
        if (Shards == 1)
        {
            return;
        }

        var hashes = new List<byte[]>[Shards];
        var addresses = new List<byte[]>[Shards];
        var accounts = new List<byte[]>[Shards];
        for (var s = 1; s < Shards; s++)
        {
            (hashes[s], addresses[s], accounts[s]) = ([], [], []);
        }

        foreach (var tx in transactions)
        {
            var lane = ChunkLayout.LaneOf(tx, Shards);
            if (lane != 0)
            {
                hashes[lane].Add(tx.Hash.ToArray());
            }
        }

        foreach (var change in changes)
        {
            if (change.Key.Length == 1 + Address.Size && change.Key[0] == StateKeys.AccountSpace)
            {
                var address = new Address(change.Key.AsSpan(1));
                var shard = ShardMap.ShardOf(address, Shards);
                if (shard != 0)
                {
                    addresses[shard].Add(change.Key[1..]);
                    accounts[shard].Add(change.Value ?? []);
                }
            }
        }

        await AskLanesAsync(shard => Lane(shard).OnChunkFinalAsync(new LaneChunk(height, [.. hashes[shard]], [.. addresses[shard]], [.. accounts[shard]])), height);
    }

    /// <summary>Asks every lane for its pending count, at most <see cref="LaneTimeout"/>; a lane that does not answer keeps its last count.</summary>
    private Task RefreshLanesAsync() => Shards == 1 ? Task.CompletedTask : AskLanesAsync(async shard => (await Lane(shard).GetStatusAsync()).PendingTransactions, null);

    private async Task AskLanesAsync(Func<ushort, Task<int>> ask, ulong? height)
    {
        if (_lanePending.Length != Shards)
        {
            _lanePending = new int[Shards];
        }

        var calls = Enumerable.Range(1, Shards - 1).Select(s => (Shard: (ushort)s, Call: ask((ushort)s))).ToArray();
        await BoundedAsync([.. calls.Select(c => c.Call)]);
        foreach (var (shard, call) in calls)
        {
            if (call.IsCompletedSuccessfully)
            {
                _lanePending[shard] = call.Result;
                continue;
            }

            var reason = call.IsFaulted ? call.Exception!.InnerException?.Message ?? "failed" : $"no answer within {LaneTimeout.TotalSeconds:0} s";
            if (height is { } h)
            {
                LaneLog.HandOverFailed(log, shard, h, reason);
            }
            else
            {
                LaneLog.Unavailable(log, shard, reason);
            }

        }
    }

    /// <summary>The lanes' statuses for <c>chain shards</c>, index = shard (0 is null: the ledger's); null where a lane did not answer.</summary>
    private async Task<LaneStatus?[]> LaneStatusesAsync()
    {
        var statuses = new LaneStatus?[Shards];
        if (Shards == 1)
        {
            return statuses;
        }

        var calls = Enumerable.Range(1, Shards - 1).Select(s => Lane((ushort)s).GetStatusAsync()).ToArray();
        await BoundedAsync(calls);
        for (var s = 1; s < Shards; s++)
        {
            var call = calls[s - 1];
            statuses[s] = call.IsCompletedSuccessfully ? call.Result : null;
        }

        return statuses;
    }

    /// <summary>Whether some lane holds the transaction (when this ledger's own mempool does not).</summary>
    private async Task<bool> LaneHoldsAsync(Hash32 hash)
    {
        if (Shards == 1)
        {
            return false;
        }

        var bytes = hash.ToArray();
        var calls = Enumerable.Range(1, Shards - 1).Select(s => Lane((ushort)s).HoldsAsync(bytes)).ToArray();
        await BoundedAsync(calls);
        return calls.Any(c => c.IsCompletedSuccessfully && c.Result);
    }

    /// <summary>
    /// Waits for the calls, at most <see cref="LaneTimeout"/>. Whatever a lane threw, or its silence, is the caller's to inspect call
    /// by call: a lane's failure must never fail the ledger's own work.
    /// </summary>
    private async Task BoundedAsync(Task[] calls)
    {
        try
        {
            await Task.WhenAll(calls).WaitAsync(LaneTimeout, clock);
        }
#pragma warning disable CA1031 // any failure of any lane is reported per call by the caller
        catch (Exception)
#pragma warning restore CA1031
        {
        }

        foreach (var call in calls.Where(c => !c.IsCompleted))
        {
            _ = call.ContinueWith(t => t.Exception, TaskScheduler.Default); // a late failure is observed, not left unobserved
        }
    }
}
