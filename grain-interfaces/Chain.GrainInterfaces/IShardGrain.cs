using Chain.Protocol.Transactions;
using Orleans.Concurrency;

namespace Chain.GrainInterfaces;

/// <summary>
/// The node's ledger (key: <c>ClusterDefaults.ShardZero</c>): every shard's state, chunks and cross-shard receipts, and shard 0's
/// lane (the metashard's mempool); the other shards' lanes are <see cref="IShardLaneGrain"/>s, spread over the silos. Event-sourced: its stream is the
/// sequence of committed chunks. Queries answer from committed state and never wait for block production.
/// Everything hashed or signed travels as canonical bytes (docs/protocol.md) for the caller to decode and verify.
/// </summary>
[Alias("chain.IShardGrain")]
public interface IShardGrain : IGrainWithIntegerKey
{
    /// <summary>Stateful admission of transactions whose encoding and signature were already checked.</summary>
    [Alias("Admit")]
    Task<SubmitResult[]> AdmitAsync(Immutable<SignedTransaction[]> checkedTransactions);

    /// <summary>
    /// From a lane grain going away in good order: its pending transactions (checked at admission), which the ledger keeps in its own
    /// mempool until a block includes them, whatever their lane. Accepted transactions so survive their lane's silo stopping.
    /// Interleaves (it never awaits): the ledger may itself be waiting on that lane, whose next activation waits for this call.
    /// </summary>
    [AlwaysInterleave]
    [Alias("Adopt")]
    Task AdoptAsync(Immutable<SignedTransaction[]> checkedTransactions);

    /// <summary>
    /// Commits an encoded <c>FinalizedBlock</c> decided by the validators: the certificate is checked against
    /// the active set and the block re-executed before it is stored. Idempotent: a block already committed is
    /// accepted again if it has the same hash. Returns the number of pending transactions afterwards.
    /// </summary>
    [Alias("Commit")]
    Task<int> CommitAsync(Immutable<byte[]> finalizedBlock);

    /// <summary>Up to <paramref name="max"/> pending transactions a proposer may include next, in mempool order.</summary>
    [Alias("GetCandidates")]
    Task<Immutable<SignedTransaction[]>> GetCandidatesAsync(int max);

    /// <summary>
    /// Up to <paramref name="max"/> cross-shard receipts in flight, each an encoded <c>IncomingReceipt</c> with its proof, in the
    /// order their destinations apply them: what a proposer offers its block.
    /// </summary>
    [AlwaysInterleave]
    [Alias("GetIncomingReceipts")]
    Task<byte[][]> GetIncomingReceiptsAsync(int max);

    /// <summary>Every shard at the latest finalized height, with its queues.</summary>
    [AlwaysInterleave]
    [Alias("GetShards")]
    Task<ShardStatus[]> GetShardsAsync();

    /// <summary>How much work waits: transactions in the mempool plus cross-shard receipts in flight.</summary>
    [AlwaysInterleave]
    [Alias("GetPendingCount")]
    Task<int> GetPendingCountAsync();

    [AlwaysInterleave]
    [Alias("GetStatus")]
    Task<ChainStatus> GetStatusAsync();

    /// <summary>The genesis document's canonical encoding.</summary>
    [AlwaysInterleave]
    [Alias("GetGenesis")]
    Task<byte[]> GetGenesisAsync();

    /// <summary>An account at the latest finalized height, with a state proof when <paramref name="prove"/> is set.</summary>
    [AlwaysInterleave]
    [Alias("GetAccount")]
    Task<AccountResult> GetAccountAsync(byte[] address, bool prove);

    /// <summary>
    /// Committed accounts (each a 20-byte address; at most 4096 per call), at the latest finalized height: what a lane grain reads
    /// for stateful admission of senders it has not seen yet.
    /// </summary>
    [AlwaysInterleave]
    [Alias("GetCommittedAccounts")]
    Task<CommittedAccounts> GetCommittedAccountsAsync(byte[][] addresses);

    /// <summary>An encoded <c>FinalizedBlock</c>; null height means the latest. Null when there is no such block.</summary>
    [AlwaysInterleave]
    [Alias("GetBlock")]
    Task<byte[]?> GetBlockAsync(ulong? height);

    [AlwaysInterleave]
    [Alias("GetTransaction")]
    Task<TransactionResult> GetTransactionAsync(byte[] transactionHash);

    /// <summary>Validator records and the active set at the latest finalized height.</summary>
    [AlwaysInterleave]
    [Alias("GetValidators")]
    Task<ValidatorsResult> GetValidatorsAsync();

    /// <summary>
    /// Finalized headers after <paramref name="afterHeight"/> at which the validator set changes, oldest
    /// first, at most <paramref name="max"/> (≤ 1000).
    /// </summary>
    [AlwaysInterleave]
    [Alias("GetValidatorSetChanges")]
    Task<ValidatorSetChange[]> GetValidatorSetChangesAsync(ulong afterHeight, int max);

    /// <summary>The encoded validator set whose hash is <paramref name="validatorSetHash"/>, if this node has seen it.</summary>
    [AlwaysInterleave]
    [Alias("GetValidatorSet")]
    Task<byte[]?> GetValidatorSetAsync(byte[] validatorSetHash);

    /// <summary>An address's delegations (including self-bond) and unbonding entries at the latest finalized height.</summary>
    [AlwaysInterleave]
    [Alias("GetStake")]
    Task<StakeInfo[]> GetStakeAsync(byte[] delegator);

    /// <summary>
    /// Waits until the transaction is final (and, for a cross-shard transfer, its value has arrived or come back), or the timeout
    /// passes (then reports its current status).
    /// </summary>
    [AlwaysInterleave]
    [Alias("WaitForTransaction")]
    Task<TransactionResult> WaitForTransactionAsync(byte[] transactionHash, TimeSpan timeout);
}
