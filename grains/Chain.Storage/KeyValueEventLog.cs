namespace Chain.Storage;

/// <summary>
/// <see cref="IEventLog"/> over a key-value store (RocksDB embedded, or in memory): each append and its
/// snapshot are one <see cref="WriteBatch"/> through <see cref="EventStreamStore"/>.
/// </summary>
public sealed class KeyValueEventLog(IKeyValueStore store, bool durable = true) : IEventLog
{
    private readonly EventStreamStore _streams = new(store);
    private readonly Lock _writeLock = new();

    public Task<int> GetVersionAsync(string streamId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_streams.GetVersion(streamId));

    public Task<bool> TryAppendAsync(string streamId, int expectedVersion, IReadOnlyList<byte[]> events, StreamSnapshot? snapshot = null, CancellationToken cancellationToken = default)
    {
        // EventStreamStore assumes one writer per stream; the lock makes the check and the write one step for any number.
        lock (_writeLock)
        {
            var batch = new WriteBatch();
            if (!_streams.TryStageAppend(batch, streamId, expectedVersion, events))
            {
                return Task.FromResult(false);
            }

            if (snapshot is { } s)
            {
                _streams.StageSnapshot(batch, streamId, s.Version, s.State);
            }

            if (batch.Count > 0)
            {
                store.Write(batch, durable);
            }

            return Task.FromResult(true);
        }
    }

    public Task<StreamSnapshot?> ReadSnapshotAsync(string streamId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_streams.ReadSnapshot(streamId));

    public Task<IReadOnlyList<StreamEvent>> ReadEventsAsync(string streamId, int fromVersion, int maxCount = int.MaxValue, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxCount);
        return Task.FromResult<IReadOnlyList<StreamEvent>>([.. _streams.ReadEvents(streamId, fromVersion).Take(maxCount)]);
    }
}
