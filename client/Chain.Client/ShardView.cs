using Chain.Protocol.Sharding;

namespace Chain.Client;

/// <summary>One shard at the node's latest finalized height: its chunk header in that block and its queues.</summary>
public sealed record ShardView(ushort Shard, ulong Height, ChunkHeader Chunk, int PendingTransactions, int InboundReceipts);
