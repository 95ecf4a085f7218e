namespace Chain.Grains.Events;

/// <summary>The shard's first event: the genesis state is in place (its writes derive from the genesis document).</summary>
[GenerateSerializer, Immutable, Alias("chain.ev.GenesisApplied")]
public sealed record GenesisApplied(
    [property: Id(0)] byte[] GenesisHash,
    [property: Id(1)] byte[] StateRoot,
    [property: Id(2)] long TimeUnixMs) : ShardEvent;
