namespace Chain.GrainInterfaces;

/// <summary>
/// An account at <see cref="Height"/>. With a proof, <see cref="Header"/> and <see cref="Certificate"/>
/// are the encoded header and quorum certificate of that height, <see cref="ValidatorSet"/> the set that
/// signed it, and <see cref="Proof"/> an encoded <c>StateProof</c> against the header's state root.
/// Before the first block they are null: there is nothing certified to prove against yet.
/// </summary>
[GenerateSerializer, Immutable, Alias("chain.AccountResult")]
public sealed record AccountResult(
    [property: Id(0)] byte[] Address,
    [property: Id(1)] ulong Balance,
    [property: Id(2)] ulong Nonce,
    [property: Id(3)] ulong Height,
    [property: Id(4)] byte[]? Header,
    [property: Id(5)] byte[]? Certificate,
    [property: Id(6)] byte[]? ValidatorSet,
    [property: Id(7)] byte[]? Proof);
