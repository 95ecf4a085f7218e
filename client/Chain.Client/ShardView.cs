using Chain.Protocol.Sharding;

namespace Chain.Client;

/// <summary>
/// One shard at the node's latest finalized height: its chunk header in that block, its queues, and the silo its lane runs on
/// (null, with <see cref="PendingTransactions"/> -1, when the lane did not answer).
/// </summary>
public sealed record ShardView(ushort Shard, ulong Height, ChunkHeader Chunk, int PendingTransactions, int InboundReceipts, string? Silo = null);
