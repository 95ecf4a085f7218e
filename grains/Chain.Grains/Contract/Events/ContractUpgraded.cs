namespace Chain.Grains.Contract.Events;

/// <summary>The admin replaced the contract's code: <paramref name="Version"/> runs <paramref name="CodeHash"/>; earlier code stays stored.</summary>
[GenerateSerializer, Immutable, Alias("chain.ev.ContractUpgraded")]
public sealed record ContractUpgraded(
    [property: Id(0)] ulong BlockHeight,
    [property: Id(1)] byte[] TransactionHash,
    [property: Id(2)] uint Version,
    [property: Id(3)] byte[] CodeHash) : ContractStreamEvent
{
    public override ulong Height => BlockHeight;
}
