namespace Chain.Grains.Contract.Events;

/// <summary>
/// An event in a contract's stream (<c>contract-{address}</c>). Only the ledger appends them, in the same atomic
/// write as the block that caused them (ShardGrain.Storage.cs), so a contract's stream never disagrees with the
/// ledger. Every event carries the height of its block; heights never decrease along a stream. Stored in the
/// canonical form of <see cref="ContractEventCodec"/>.
/// </summary>
[GenerateSerializer, Immutable]
public abstract record ContractStreamEvent
{
    /// <summary>The height of the block that caused the event.</summary>
    public abstract ulong Height { get; }
}
