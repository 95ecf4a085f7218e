using Chain.GrainInterfaces;
using Chain.Protocol.Sharding;

namespace Chain.Client;

/// <summary>
/// One leg of a cross-shard transfer as the node reports it: what happened (<see cref="CrossShardLegKind"/>), in which block, and
/// the receipt. The receipt is checked to belong to the transfer; its inclusion in that block is the node's word.
/// </summary>
public sealed record TransferLeg(CrossShardLegKind Kind, ulong Height, ShardReceipt Receipt);
