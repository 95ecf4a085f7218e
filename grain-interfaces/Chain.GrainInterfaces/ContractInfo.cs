namespace Chain.GrainInterfaces;

/// <summary>
/// A contract as its event stream tells it, at <see cref="Height"/> (the height of the latest committed block the
/// stream reflects). Addresses are raw 20 bytes, hashes raw 32 bytes; <see cref="UpgradedHeight"/> is 0 when the
/// code was never replaced. <see cref="Versions"/> lists every code version, oldest first.
/// </summary>
[GenerateSerializer, Immutable, Alias("chain.ContractInfo")]
public sealed record ContractInfo(
    [property: Id(0)] byte[] Address,
    [property: Id(1)] bool Exists,
    [property: Id(2)] uint Version,
    [property: Id(3)] byte[] CodeHash,
    [property: Id(4)] byte[]? Admin,
    [property: Id(5)] byte[] Deployer,
    [property: Id(6)] ulong DeployedHeight,
    [property: Id(7)] ulong UpgradedHeight,
    [property: Id(8)] ContractVersion[] Versions,
    [property: Id(9)] ulong EventCount,
    [property: Id(10)] ulong StorageChangedHeight,
    [property: Id(11)] ulong Height);
