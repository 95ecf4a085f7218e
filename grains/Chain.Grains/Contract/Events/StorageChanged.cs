namespace Chain.Grains.Contract.Events;

/// <summary>
/// The contract's storage after block <paramref name="BlockHeight"/> differs by <paramref name="Diff"/>: the
/// contract's own keys (without the <c>0x08 ‖ address</c> prefix) and their new values (null: removed), sorted by
/// key, encoded as <c>ShardEventCodec.EncodeChanges</c> does.
/// </summary>
[GenerateSerializer, Immutable, Alias("chain.ev.StorageChanged")]
public sealed record StorageChanged(
    [property: Id(0)] ulong BlockHeight,
    [property: Id(1)] byte[] Diff) : ContractStreamEvent
{
    public override ulong Height => BlockHeight;
}
