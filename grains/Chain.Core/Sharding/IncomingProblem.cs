namespace Chain.Core.Sharding;

/// <summary>Why a block may not apply an incoming cross-shard receipt (docs/protocol.md §13.4).</summary>
public enum IncomingProblem
{
    None = 0,

    /// <summary>The receipt names a shard the chain does not have, or the same shard as source and destination.</summary>
    BadShard,

    /// <summary>The receipt is carried in another shard's chunk than its destination's.</summary>
    WrongDestination,

    /// <summary>No chunk of the source shard sent receipts at the receipt's source height: forged or misdirected.</summary>
    UnknownSourceChunk,

    /// <summary>The audit path does not prove the receipt against that chunk's outgoing root: forged or altered.</summary>
    BadProof,

    /// <summary>The destination already applied this sequence number: a replay.</summary>
    Replayed,

    /// <summary>An earlier receipt of the same (source, destination) pair has not been applied yet.</summary>
    OutOfOrder,
}
