using Chain.Protocol.Transactions;
using Orleans.Concurrency;

namespace Chain.GrainInterfaces;

/// <summary>
/// Shard <c>k</c>'s lane (key: <c>k</c>, 1 ≤ k &lt; shardCount; shard 0's lane, the metashard's, is the ledger's own): the stateful
/// admission and the mempool of the plain transfers whose sender lives on shard <c>k</c> (docs/protocol.md §13.2). Lane grains are
/// spread over the cluster's silos, one shard per silo in turn, so admission and pending work scale out with the silos; each holds
/// only soft state (the pending transactions and a cache of its shard's committed accounts, kept current by the ledger after every
/// block), so a lane whose silo dies re-activates on another silo, catches up from the ledger and carries on. What is final lives
/// in the ledger's stream, never only here.
/// </summary>
[Alias("chain.IShardLaneGrain")]
public interface IShardLaneGrain : IGrainWithIntegerKey
{
    /// <summary>Stateful admission of transactions of this lane whose encoding and signature were already checked.</summary>
    [Alias("Admit")]
    Task<SubmitResult[]> AdmitAsync(Immutable<SignedTransaction[]> checkedTransactions);

    /// <summary>Up to <paramref name="max"/> pending transactions a proposer may include next, in mempool order.</summary>
    [Alias("GetCandidates")]
    Task<Immutable<SignedTransaction[]>> GetCandidatesAsync(int max);

    /// <summary>
    /// From the ledger, after it committed a block: the lane's part of it. Returns how many transactions still wait in this lane.
    /// A lane that missed a block (it was down, or a call was lost) notices the gap and re-reads its accounts from the ledger.
    /// </summary>
    [Alias("OnChunkFinal")]
    Task<int> OnChunkFinalAsync(LaneChunk chunk);

    /// <summary>Where the lane runs, the last height it heard of, and what waits in it.</summary>
    [AlwaysInterleave]
    [Alias("GetStatus")]
    Task<LaneStatus> GetStatusAsync();

    /// <summary>Whether the transaction waits in this lane's mempool.</summary>
    [AlwaysInterleave]
    [Alias("Holds")]
    Task<bool> HoldsAsync(byte[] transactionHash);
}
