using Chain.Protocol;
using Chain.Protocol.Crypto;
using Chain.Protocol.Proofs;
using Chain.Protocol.Sharding;
using Chain.Protocol.Transactions;
using Delegate = Chain.Protocol.Transactions.Delegate;

namespace Chain.Core.Pool;

/// <summary>
/// Pending transactions of one shard, checked against committed state. Per sender, transactions are
/// kept by nonce; a sender may queue up to <see cref="ProtocolLimits.MaxNonceGap"/> ahead of its account
/// nonce. Block candidates are each sender's run of consecutive nonces from the account nonce, senders in
/// order of first arrival. A transaction's cost against the balance is amount plus fee for transfers, bonds
/// and delegations, the fee alone for the other kinds (an unbond or withdraw pays out later, if at all).
/// Not consensus code: the proposer's choice of order is free, execution is not.
/// Not thread-safe; its owner (the shard grain) is single-threaded.
/// </summary>
public sealed class Mempool(int capacity)
{
    private readonly Dictionary<Address, SenderQueue> _senders = [];
    private readonly Dictionary<Hash32, SignedTransaction> _byHash = [];
    private long _arrivals;

    public int Count => _byHash.Count;

    public int Capacity => capacity;

    public bool IsFull => _byHash.Count >= capacity;

    public bool Contains(Hash32 hash) => _byHash.ContainsKey(hash);

    /// <summary>The pending transaction with this hash, if any.</summary>
    public SignedTransaction? Find(Hash32 hash) => _byHash.GetValueOrDefault(hash);

    /// <summary>Every pending transaction, executable or not: senders in arrival order, each sender's by nonce.</summary>
    public IEnumerable<SignedTransaction> Pending() =>
        _senders.Values.OrderBy(q => q.FirstArrival).SelectMany(q => q.ByNonce.Values);

    /// <summary>Every account with a pending transaction (no order).</summary>
    public IReadOnlyCollection<Address> Senders => _senders.Keys;

    /// <summary>Stateful admission against the committed account; on success the transaction is pending.</summary>
    public (TxErrorCode Error, string Message) TryAdd(SignedTransaction tx, AccountState account, ulong minFee)
    {
        var body = tx.Body;
        if (_byHash.ContainsKey(tx.Hash))
        {
            return (TxErrorCode.Duplicate, "this transaction is already pending");
        }

        var requiredFee = Execution.ContractExecution.RequiredFee(minFee, body.Payload);
        if (body.Fee < requiredFee)
        {
            return (TxErrorCode.FeeTooLow, $"fee {body.Fee} is below the minimum {requiredFee}");
        }

        if (body.Nonce < account.Nonce)
        {
            return (TxErrorCode.NonceTooLow,
                $"nonce {body.Nonce} was already used (account nonce is {account.Nonce}); a replay is never accepted");
        }

        if (body.Nonce - account.Nonce >= ProtocolLimits.MaxNonceGap)
        {
            return (TxErrorCode.NonceTooHigh,
                $"nonce {body.Nonce} is too far ahead of the account nonce {account.Nonce} (at most {ProtocolLimits.MaxNonceGap - 1} ahead)");
        }

        var sender = body.SenderAddress;
        _senders.TryGetValue(sender, out var queue);
        if (queue is not null && queue.ByNonce.ContainsKey(body.Nonce))
        {
            return (TxErrorCode.Duplicate, $"another transaction with nonce {body.Nonce} from this sender is pending");
        }

        var cost = Cost(body);
        var pendingCost = queue?.TotalCost ?? 0;
        if (cost > account.Balance || pendingCost > account.Balance - cost)
        {
            return (TxErrorCode.InsufficientBalance,
                $"balance {account.Balance} cannot cover amount plus fee {cost} (pending spend {pendingCost})");
        }

        if (IsFull)
        {
            return (TxErrorCode.MempoolFull, "the mempool is full; retry in a few seconds");
        }

        if (queue is null)
        {
            queue = new SenderQueue(_arrivals++);
            _senders[sender] = queue;
        }

        queue.ByNonce.Add(body.Nonce, tx);
        queue.TotalCost += cost;
        _byHash[tx.Hash] = tx;
        return (TxErrorCode.None, "accepted");
    }

    /// <summary>
    /// Up to <paramref name="max"/> executable transactions, in proposal order. With several shards a sender's run also stops at a
    /// plain transfer that follows one of its metashard transactions: lanes 1..N-1 run before lane 0 (protocol.md §13.5), so that
    /// transfer would meet the nonce before the metashard transaction's and fail; it waits for the next block instead.
    /// </summary>
    public IReadOnlyList<SignedTransaction> Candidates(int max, Func<Address, AccountState> accounts, ushort shardCount = 1)
    {
        ArgumentOutOfRangeException.ThrowIfZero(shardCount);
        var result = new List<SignedTransaction>(Math.Min(max, _byHash.Count));
        foreach (var (sender, queue) in _senders.OrderBy(s => s.Value.FirstArrival))
        {
            var next = accounts(sender).Nonce;
            var metashardSeen = false;
            while (result.Count < max && queue.ByNonce.TryGetValue(next, out var tx))
            {
                var lane = ChunkLayout.LaneOf(tx, shardCount);
                if (lane != ShardMap.MetaShard && metashardSeen)
                {
                    break;
                }

                metashardSeen |= lane == ShardMap.MetaShard;
                result.Add(tx);
                next++;
            }

            if (result.Count >= max)
            {
                break;
            }
        }

        return result;
    }

    /// <summary>After a commit: drop what was included and anything the new account nonces made stale.</summary>
    public void Prune(IEnumerable<SignedTransaction> removed, Func<Address, AccountState> accounts)
    {
        var touched = new HashSet<Address>();
        foreach (var tx in removed)
        {
            touched.Add(tx.Body.SenderAddress);
            Remove(tx);
        }

        foreach (var sender in touched)
        {
            if (!_senders.TryGetValue(sender, out var queue))
            {
                continue;
            }

            // Ascending by nonce: the stale ones come first, and usually there are none.
            var nonce = accounts(sender).Nonce;
            List<SignedTransaction>? stale = null;
            foreach (var (pending, tx) in queue.ByNonce)
            {
                if (pending >= nonce)
                {
                    break;
                }

                (stale ??= []).Add(tx);
            }

            foreach (var tx in stale ?? [])
            {
                Remove(tx);
            }
        }
    }

    private void Remove(SignedTransaction tx)
    {
        if (!_byHash.Remove(tx.Hash))
        {
            return;
        }

        var sender = tx.Body.SenderAddress;
        var queue = _senders[sender];
        queue.ByNonce.Remove(tx.Body.Nonce);
        queue.TotalCost -= Cost(tx.Body);
        if (queue.ByNonce.Count == 0)
        {
            _senders.Remove(sender);
        }
    }

    private static ulong Cost(Transaction body) => body.Payload switch
    {
        Transfer t => checked(t.Amount + body.Fee),
        Bond b => checked(b.Amount + body.Fee),
        Delegate d => checked(d.Amount + body.Fee),
        Call c => checked(c.Value + body.Fee),
        _ => body.Fee,
    };

    private sealed class SenderQueue(long firstArrival)
    {
        public long FirstArrival { get; } = firstArrival;

        public SortedDictionary<ulong, SignedTransaction> ByNonce { get; } = [];

        public ulong TotalCost { get; set; }
    }
}
