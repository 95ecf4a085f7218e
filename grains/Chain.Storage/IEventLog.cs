namespace Chain.Storage;

/// <summary>
/// Durable append-only event streams with an expected-version check: the source of truth for grain event
/// streams. The embedded backend is <see cref="KeyValueEventLog"/> (RocksDB); production uses Marten on
/// PostgreSQL (Chain.Storage.Postgres). Both pass the same contract tests (EventLogContract).
/// </summary>
/// <remarks>
/// Versions count events: a stream's version is its number of events, and an event's version is its 0-based
/// position. Events and snapshots are opaque bytes the caller encodes. Stream ids follow
/// <see cref="EventStreamStore.IsValidStreamId"/>. Implementations are thread-safe.
/// </remarks>
public interface IEventLog
{
    /// <summary>The number of stored events of the stream; 0 for a stream never appended to.</summary>
    Task<int> GetVersionAsync(string streamId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends <paramref name="events"/> at versions <paramref name="expectedVersion"/> onwards, together with
    /// <paramref name="snapshot"/> when given (its version at most the new stream version), atomically, when
    /// the stream's version is <paramref name="expectedVersion"/>; otherwise writes nothing and returns false.
    /// </summary>
    Task<bool> TryAppendAsync(string streamId, int expectedVersion, IReadOnlyList<byte[]> events, StreamSnapshot? snapshot = null, CancellationToken cancellationToken = default);

    /// <summary>The stream's latest written snapshot, or null when it has none.</summary>
    Task<StreamSnapshot?> ReadSnapshotAsync(string streamId, CancellationToken cancellationToken = default);

    /// <summary>At most <paramref name="maxCount"/> events from <paramref name="fromVersion"/> on, in order;
    /// empty when <paramref name="fromVersion"/> is at or beyond the end.</summary>
    Task<IReadOnlyList<StreamEvent>> ReadEventsAsync(string streamId, int fromVersion, int maxCount = int.MaxValue, CancellationToken cancellationToken = default);
}
