namespace Chain.Grains.Contract.Events;

/// <summary>The contract was deployed (version 1) by <paramref name="Deployer"/>'s transaction; its code is stored under <paramref name="CodeHash"/>.</summary>
[GenerateSerializer, Immutable, Alias("chain.ev.ContractDeployed")]
public sealed record ContractDeployed(
    [property: Id(0)] ulong BlockHeight,
    [property: Id(1)] byte[] TransactionHash,
    [property: Id(2)] byte[] Deployer,
    [property: Id(3)] byte[] CodeHash,
    [property: Id(4)] byte[]? Admin) : ContractStreamEvent
{
    public override ulong Height => BlockHeight;
}
