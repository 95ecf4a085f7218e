using Chain.GrainInterfaces;
using Chain.Grains.Consensus;
using Chain.Grains.Hosting;
using Chain.Protocol.Crypto;
using Chain.Protocol.Proofs;

namespace Chain.Grains.Shard;

/// <summary>Read-only calls. They interleave with production and read only committed, immutable data.</summary>
public sealed partial class ShardGrain
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(20);

    public Task<ChainStatus> GetStatusAsync() => Task.FromResult(new ChainStatus(
        genesis.ChainId,
        genesis.Hash().ToArray(),
        State.Height,
        State.BlockHash,
        State.StateRoot,
        State.TimeUnixMs,
        _mempool.Count + LanesPending,
        ChainRules.ActiveSet(ledger.State).Count,
        NodeVersion.Current));

    public Task<byte[]> GetGenesisAsync() => Task.FromResult(genesis.Encode());

    public Task<AccountResult> GetAccountAsync(byte[] address, bool prove)
    {
        if (address.Length != Address.Size)
        {
            throw new ArgumentException($"an address is {Address.Size} bytes", nameof(address));
        }

        var height = State.Height;
        var root = ledger.State.RootAt(height) ?? throw new InvalidOperationException($"no state root stored for height {height}");
        var key = StateKeys.Account(new Address(address));
        var proof = _tree.Prove(root, key);
        var account = proof.Value is null ? AccountState.Empty : AccountState.Decode(proof.Value);
        if (!prove || height == 0)
        {
            return Task.FromResult(new AccountResult(address, account.Balance, account.Nonce, height, null, null, null, null));
        }

        var block = ledger.Blocks.GetByHeight(height) ?? throw new InvalidOperationException($"block {height} is missing from the block store");
        return Task.FromResult(new AccountResult(
            address,
            account.Balance,
            account.Nonce,
            height,
            block.Header.Encode(),
            block.Certificate.Encode(),
            ledger.ValidatorSets.GetEncoded(block.Header.ValidatorSetHash) ?? throw new InvalidOperationException($"validator set {block.Header.ValidatorSetHash} of block {height} is not stored"),
            proof.Encode()));
    }

    public Task<byte[]?> GetBlockAsync(ulong? height)
    {
        var h = height ?? State.Height;
        return Task.FromResult(h == 0 || h > State.Height ? null : ledger.Blocks.GetEncodedByHeight(h));
    }

    public Task<TransactionResult> GetTransactionAsync(byte[] transactionHash) => LookupAsync(new Hash32(transactionHash));

    public async Task<TransactionResult> WaitForTransactionAsync(byte[] transactionHash, TimeSpan timeout)
    {
        var hash = new Hash32(transactionHash);
        var limit = timeout < MaxWait ? timeout : MaxWait;
        var started = clock.GetTimestamp();
        while (true)
        {
            // The waiter goes in before the lookup: asking the lanes yields, and a commit in between must still wake it.
            // Waiters are released by hash at inclusion and by origin at each receipt applied.
            var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (!_waiters.TryGetValue(hash, out var list))
            {
                _waiters[hash] = list = [];
            }

            list.Add(waiter);
            try
            {
                var result = await LookupAsync(hash);
                var remaining = limit - clock.GetElapsedTime(started);
                if (result.Status == TransactionStatus.Unknown || Settled(result) || remaining <= TimeSpan.Zero)
                {
                    return result;
                }

                // Pending, or a cross-shard transfer in flight. Inclusion, or a bounce, leaves it in flight: wait again, until it
                // settles or the time is up.
                await Task.WhenAny(waiter.Task, Task.Delay(remaining, clock));
            }
            finally
            {
                list.Remove(waiter);
                if (list.Count == 0 && _waiters.TryGetValue(hash, out var current) && current == list)
                {
                    _waiters.Remove(hash);
                }
            }
        }
    }

    /// <summary>As <see cref="Lookup"/>, and pending too when another shard's lane holds it.</summary>
    private async Task<TransactionResult> LookupAsync(Hash32 hash)
    {
        var result = Lookup(hash);
        return result.Status == TransactionStatus.Unknown && await LaneHoldsAsync(hash) ? Pending(hash) : result;
    }

    private static TransactionResult Pending(Hash32 hash) => new(hash.ToArray(), TransactionStatus.Pending, 0, 0, null, null, null, null);

    private TransactionResult Lookup(Hash32 hash)
    {
        if (_mempool.Contains(hash))
        {
            return Pending(hash);
        }

        if (ledger.Blocks.GetTransactionLocation(hash) is not { } location)
        {
            return new TransactionResult(hash.ToArray(), TransactionStatus.Unknown, 0, 0, null, null, null, null);
        }

        var block = ledger.Blocks.GetByHeight(location.Height)
            ?? throw new InvalidOperationException($"block {location.Height} is missing from the block store");
        var index = (int)location.Index;
        var path = BinaryMerkle.AuditPath([.. block.Transactions.Select(t => t.Hash.ToArray())], index);
        var pathBytes = new byte[path.Count * Hash32.Size];
        for (var i = 0; i < path.Count; i++)
        {
            path[i].CopyTo(pathBytes.AsSpan(i * Hash32.Size));
        }

        return new TransactionResult(
            hash.ToArray(),
            TransactionStatus.Final,
            location.Height,
            location.Index,
            block.Transactions[index].Encode(),
            block.Receipts[index].Encode(),
            block.Header.Encode(),
            pathBytes,
            Legs(block.Transactions[index]));
    }
}
