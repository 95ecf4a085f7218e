using Chain.Client;
using Chain.GrainInterfaces;
using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;
using Chain.Protocol.Genesis;
using Chain.Protocol.Transactions;
using Orleans.Concurrency;

namespace Chain.Tests.Client;

/// <summary>
/// A node at the client boundary: the shard and admission grains answered from hand-built values, so the
/// client and the CLI run unchanged against it. Honest by default; tests change what it says. Every
/// admitted transaction becomes final in its own block on the first wait.
/// </summary>
internal sealed class FakeNode(GenesisDocument genesis) : IShardGrain, IAdmissionGrain
{
    public GenesisDocument Genesis { get; set; } = genesis;

    public Dictionary<ulong, FinalizedBlock> Blocks { get; } = [];

    /// <summary>Served by <see cref="GetValidatorSetChangesAsync"/> (the heights after the asked one, at most max).</summary>
    public List<ValidatorSetChange> Changes { get; } = [];

    /// <summary>Answers with every change after the height asked for, however many were asked for (a misbehaving node).</summary>
    public bool IgnoresMax { get; set; }

    /// <summary>The afterHeight of every request for set changes, in order.</summary>
    public List<ulong> ChangeRequests { get; } = [];

    public Dictionary<Hash32, ValidatorSet> Sets { get; } = [];

    public ValidatorsResult? Validators { get; set; }

    public Dictionary<Address, StakeInfo[]> Stakes { get; } = [];

    public Func<Address, bool, AccountResult>? Accounts { get; set; }

    public ulong Balance { get; set; } = 1_000_000;

    public List<SignedTransaction> Submitted { get; } = [];

    public Dictionary<Hash32, TransactionResult> Final { get; } = [];

    public ulong Height { get; private set; }

    public ChainClient Client(string gateway = "fake:1") => ChainClient.Over(this, this, gateway);

    public Task<ChainStatus> GetStatusAsync() =>
        Task.FromResult(new ChainStatus(Genesis.ChainId, Genesis.Hash().ToArray(), Height, new byte[32], new byte[32], 0, 0, Genesis.Validators.Count, "fake"));

    public Task<byte[]> GetGenesisAsync() => Task.FromResult(Genesis.Encode());

    public Task<AccountResult> GetAccountAsync(byte[] address, bool prove)
    {
        var owner = new Address(address);
        var nonce = (ulong)Submitted.Count(t => t.Body.SenderAddress == owner);
        return Task.FromResult(Accounts?.Invoke(owner, prove) ?? new AccountResult(address, Balance, nonce, Height, null, null, null, null));
    }

    public Task AdoptAsync(Immutable<SignedTransaction[]> checkedTransactions) => throw new NotSupportedException();

    public Task<CommittedAccounts> GetCommittedAccountsAsync(byte[][] addresses) => throw new NotSupportedException();

    public Task<byte[]?> GetBlockAsync(ulong? height)
    {
        var wanted = height ?? (Blocks.Count == 0 ? 0 : Blocks.Keys.Max());
        return Task.FromResult(Blocks.TryGetValue(wanted, out var block) ? block.Encode() : null);
    }

    public Task<TransactionResult> GetTransactionAsync(byte[] transactionHash) => WaitForTransactionAsync(transactionHash, TimeSpan.Zero);

    public Task<ValidatorsResult> GetValidatorsAsync() =>
        Task.FromResult(Validators ?? throw new InvalidOperationException("the test set no validators answer"));

    public Task<ValidatorSetChange[]> GetValidatorSetChangesAsync(ulong afterHeight, int max)
    {
        ChangeRequests.Add(afterHeight);
        return Task.FromResult(Changes.Where(c => BlockHeader.Decode(c.Header).Height > afterHeight).Take(IgnoresMax ? int.MaxValue : max).ToArray());
    }

    public Task<byte[]?> GetValidatorSetAsync(byte[] validatorSetHash) =>
        Task.FromResult(Sets.TryGetValue(new Hash32(validatorSetHash), out var set) ? set.Encode() : null);

    public Task<StakeInfo[]> GetStakeAsync(byte[] delegator) =>
        Task.FromResult(Stakes.TryGetValue(new Address(delegator), out var stakes) ? stakes : []);

    public Task<TransactionResult> WaitForTransactionAsync(byte[] transactionHash, TimeSpan timeout)
    {
        var hash = new Hash32(transactionHash);
        if (Final.TryGetValue(hash, out var final))
        {
            return Task.FromResult(final);
        }

        var submitted = Submitted.FirstOrDefault(t => t.Hash == hash);
        if (submitted is null)
        {
            return Task.FromResult(new TransactionResult(transactionHash, TransactionStatus.Unknown, 0, 0, null, null, null, null));
        }

        var receipt = new Receipt(hash, ReceiptStatus.Success, submitted.Body.Fee);
        var set = Genesis.Validators;
        var header = SetChanges.Header(++Height, set, set) with
        {
            ChainId = Genesis.ChainId,
            TransactionsRoot = FinalizedBlock.TransactionsRoot([submitted]),
            ReceiptsRoot = FinalizedBlock.ReceiptsRoot([receipt]),
            TransactionCount = 1,
        };
        final = new TransactionResult(transactionHash, TransactionStatus.Final, Height, 0, submitted.Encode(), receipt.Encode(), header.Encode(), []);
        Final[hash] = final;
        return Task.FromResult(final);
    }

    public Task<SubmitResult> SubmitAsync(byte[] rawTransaction)
    {
        var signed = SignedTransaction.Decode(rawTransaction);
        Submitted.Add(signed);
        return Task.FromResult(new SubmitResult(true, signed.Hash.ToArray(), 0, null));
    }

    public Task<SubmitResult[]> SubmitBatchAsync(byte[][] rawTransactions) => throw new NotSupportedException();

    public Task<SubmitResult[]> AdmitAsync(Immutable<SignedTransaction[]> checkedTransactions) => throw new NotSupportedException();

    public Task<int> CommitAsync(Immutable<byte[]> finalizedBlock) => throw new NotSupportedException();

    public Task<Immutable<SignedTransaction[]>> GetCandidatesAsync(int max) => throw new NotSupportedException();

    public Task<int> GetPendingCountAsync() => Task.FromResult(Submitted.Count - Final.Count);

    public Task<byte[][]> GetIncomingReceiptsAsync(int max) => throw new NotSupportedException();

    public Task<ShardStatus[]> GetShardsAsync() => throw new NotSupportedException();
}
