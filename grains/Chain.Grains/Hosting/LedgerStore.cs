using Chain.Storage;

namespace Chain.Grains.Hosting;

/// <summary>
/// The silo's ledger database: one key-value store holding blocks, state and grain event streams, so a
/// block's writes to all three go in one atomic batch. With <paramref name="sharedEvents"/> (production:
/// Marten on PostgreSQL) the grain streams' source of truth is that shared log, and the local store keeps a
/// replica of each stream together with its projections (docs/architecture.md, "Production backend").
/// </summary>
public sealed class LedgerStore(IKeyValueStore store, IEventLog? sharedEvents = null) : IDisposable
{
    /// <summary>The cluster-wide event log, or null when the local store is the event store (embedded mode).</summary>
    public IEventLog? SharedEvents => sharedEvents;

    public IKeyValueStore KeyValues => store;

    public BlockStore Blocks { get; } = new(store);

    public StateStore State { get; } = new(store);

    public EventStreamStore Events { get; } = new(store);

    public ValidatorSetStore ValidatorSets { get; } = new(store);

    public void Write(WriteBatch batch) => store.Write(batch, durable: true);

    public void Dispose() => store.Dispose();
}
