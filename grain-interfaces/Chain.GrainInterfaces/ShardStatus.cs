namespace Chain.GrainInterfaces;

/// <summary>
/// One shard at the latest finalized height: its chunk in that block (transactions, receipts applied and sent), the chunk header's
/// encoding (docs/protocol.md §13.2), and its queues: transactions waiting in the mempool for its lane, receipts in flight to it.
/// <see cref="Silo"/> names the silo running the shard's lane (shard 0's is the ledger's); null when the lane did not answer, and then
/// <see cref="PendingTransactions"/> is -1.
/// </summary>
[GenerateSerializer, Immutable, Alias("chain.ShardStatus")]
public sealed record ShardStatus(
    [property: Id(0)] ushort Shard,
    [property: Id(1)] ulong Height,
    [property: Id(2)] byte[] ChunkHeader,
    [property: Id(3)] int PendingTransactions,
    [property: Id(4)] int InboundReceipts,
    [property: Id(5)] string? Silo = null);
