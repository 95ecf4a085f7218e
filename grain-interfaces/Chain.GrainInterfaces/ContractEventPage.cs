namespace Chain.GrainInterfaces;

/// <summary>
/// A page of a contract's events, oldest first. <see cref="NextCursor"/> is 0 when the listing reached the end of
/// the stream (at <see cref="Height"/>); otherwise pass it to get the next page. A page may hold fewer than the
/// limit and still have a next cursor: each page reads a bounded part of the stream.
/// </summary>
[GenerateSerializer, Immutable, Alias("chain.ContractEventPage")]
public sealed record ContractEventPage(
    [property: Id(0)] ContractEventEntry[] Events,
    [property: Id(1)] ulong NextCursor,
    [property: Id(2)] ulong Height)
{
    /// <summary>The largest page.</summary>
    public const int MaxLimit = 1000;
}
