namespace Chain.Grains.Events;

/// <summary>
/// An event in a shard's stream. The stream is the shard's ledger: replaying it rebuilds the shard.
/// Stored in the canonical form of <see cref="ShardEventCodec"/>; the Orleans attributes only matter
/// if an event ever crosses a grain boundary.
/// </summary>
[GenerateSerializer, Immutable]
public abstract record ShardEvent;
