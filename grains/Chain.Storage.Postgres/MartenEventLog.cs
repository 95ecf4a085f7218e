using Marten;
using Marten.Exceptions;

namespace Chain.Storage.Postgres;

/// <summary>
/// <see cref="IEventLog"/> on Marten: one Marten stream per chain stream (string ids), versions as Marten's
/// (a stream of n events is at version n). An append with its snapshot is one SaveChanges, one transaction;
/// the expected-version check is Marten's optimistic concurrency, so two writers on any number of silos
/// cannot both append at one version.
/// </summary>
public sealed class MartenEventLog(IDocumentStore store) : IEventLog
{
    public async Task<int> GetVersionAsync(string streamId, CancellationToken cancellationToken = default)
    {
        Validate(streamId);
        await using var query = store.QuerySession();
        var state = await query.Events.FetchStreamStateAsync(streamId, cancellationToken);
        return state is null ? 0 : checked((int)state.Version);
    }

    public async Task<bool> TryAppendAsync(string streamId, int expectedVersion, IReadOnlyList<byte[]> events, StreamSnapshot? snapshot = null, CancellationToken cancellationToken = default)
    {
        Validate(streamId);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count > int.MaxValue - expectedVersion)
        {
            throw new ArgumentException("the stream would exceed int.MaxValue events", nameof(events));
        }

        var stored = new object[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            stored[i] = new StoredEvent { Data = events[i] ?? throw new ArgumentException($"event {i} is null", nameof(events)) };
        }

        if (snapshot is { } s)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(s.Version, nameof(snapshot));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(s.Version, expectedVersion + events.Count, nameof(snapshot));
        }

        if (events.Count == 0 && await GetVersionAsync(streamId, cancellationToken) != expectedVersion)
        {
            return false;
        }

        await using var session = store.LightweightSession();
        if (events.Count > 0)
        {
            if (expectedVersion == 0)
            {
                session.Events.StartStream(streamId, stored);
            }
            else
            {
                // Marten's expected version is the stream's version after the append.
                session.Events.Append(streamId, (long)expectedVersion + events.Count, stored);
            }
        }

        if (snapshot is { } snap)
        {
            session.Store(new StoredSnapshot { Id = streamId, Version = snap.Version, State = snap.State });
        }

        try
        {
            await session.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (JasperFx.ConcurrencyException)
        {
            return false;
        }
        catch (ExistingStreamIdCollisionException)
        {
            return false;
        }
    }

    public async Task<StreamSnapshot?> ReadSnapshotAsync(string streamId, CancellationToken cancellationToken = default)
    {
        Validate(streamId);
        await using var query = store.QuerySession();
        var doc = await query.LoadAsync<StoredSnapshot>(streamId, cancellationToken);
        return doc is null ? null : new StreamSnapshot(doc.Version, doc.State);
    }

    public async Task<IReadOnlyList<StreamEvent>> ReadEventsAsync(string streamId, int fromVersion, int maxCount = int.MaxValue, CancellationToken cancellationToken = default)
    {
        Validate(streamId);
        ArgumentOutOfRangeException.ThrowIfNegative(fromVersion);
        ArgumentOutOfRangeException.ThrowIfNegative(maxCount);
        if (maxCount == 0)
        {
            return [];
        }

        await using var query = store.QuerySession();
        // Marten numbers events from 1: ours at position p is Marten's version p + 1. `version` caps the read (0: no cap).
        var cap = (long)fromVersion + maxCount;
        var events = await query.Events.FetchStreamAsync(streamId, version: cap >= int.MaxValue ? 0 : cap, fromVersion: fromVersion + 1L, token: cancellationToken);
        var result = new List<StreamEvent>(events.Count);
        foreach (var e in events)
        {
            if (e.Data is not StoredEvent data)
            {
                throw new InvalidDataException($"stream {streamId} holds a {e.EventTypeName} event at version {e.Version}, not a chain event");
            }

            result.Add(new StreamEvent(checked((int)e.Version - 1), data.Data));
        }

        return result;
    }

    private static void Validate(string streamId)
    {
        if (!EventStreamStore.IsValidStreamId(streamId))
        {
            throw new ArgumentException(
                $"a stream id is 1..{EventStreamStore.MaxStreamIdLength} printable ASCII characters without '/'", nameof(streamId));
        }
    }
}
