using Chain.Protocol.Blocks;

namespace Chain.Grains.Contract.Events;

/// <summary>
/// The events this contract emitted in one committed transaction (index <paramref name="TransactionIndex"/> of block
/// <paramref name="BlockHeight"/>), in emission order: the same events as the transaction's receipt, those of this contract.
/// </summary>
[GenerateSerializer, Immutable, Alias("chain.ev.EventsEmitted")]
public sealed record EventsEmitted(
    [property: Id(0)] ulong BlockHeight,
    [property: Id(1)] uint TransactionIndex,
    [property: Id(2)] byte[] TransactionHash,
    [property: Id(3)] IReadOnlyList<ContractEvent> Events) : ContractStreamEvent
{
    public override ulong Height => BlockHeight;
}
