namespace Chain.GrainInterfaces;

/// <summary>
/// A validator's consensus position: the height it is deciding, its round and step, the height its own
/// replica has committed, and the last (height, round, step) it signed.
/// </summary>
[GenerateSerializer, Immutable, Alias("chain.ValidatorStatus")]
public sealed record ValidatorStatus(
    [property: Id(0)] string Address,
    [property: Id(1)] ulong Height,
    [property: Id(2)] uint Round,
    [property: Id(3)] string Step,
    [property: Id(4)] ulong ReplicaHeight,
    [property: Id(5)] byte[] ReplicaStateRoot,
    [property: Id(6)] ulong LastSignedHeight,
    [property: Id(7)] uint LastSignedRound,
    [property: Id(8)] string LastSignedStep,
    [property: Id(9)] bool InActiveSet);
