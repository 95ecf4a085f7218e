namespace Chain.Grains.Events;

/// <summary>
/// A finalized block of this shard: the encoded <c>FinalizedBlock</c> (header, certificate, transactions,
/// receipts) and the state changes it made, sorted by key.
/// </summary>
[GenerateSerializer, Immutable, Alias("chain.ev.ChunkCommitted")]
public sealed record ChunkCommitted(
    [property: Id(0)] ulong Height,
    [property: Id(1)] byte[] BlockHash,
    [property: Id(2)] long TimeUnixMs,
    [property: Id(3)] byte[] StateRoot,
    [property: Id(4)] byte[] Block,
    [property: Id(5)] byte[] Changes) : ShardEvent;
