using Chain.Storage;

namespace Chain.Grains.Hosting;

/// <summary>
/// The silo's ledger database: one key-value store holding blocks, state and grain event streams, so a
/// block's writes to all three go in one atomic batch.
/// </summary>
public sealed class LedgerStore(IKeyValueStore store) : IDisposable
{
    public IKeyValueStore KeyValues => store;

    public BlockStore Blocks { get; } = new(store);

    public StateStore State { get; } = new(store);

    public EventStreamStore Events { get; } = new(store);

    public ValidatorSetStore ValidatorSets { get; } = new(store);

    public void Write(WriteBatch batch) => store.Write(batch, durable: true);

    public void Dispose() => store.Dispose();
}
