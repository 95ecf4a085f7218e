namespace Chain.Storage;

/// <summary>
/// Append-only event streams in a key-value store, for Orleans <c>JournaledGrain</c> custom storage.
/// Events and snapshots are opaque bytes the caller encodes. Writes are staged into a caller's batch so a
/// grain's events commit atomically with whatever else belongs to the same change.
/// </summary>
/// <remarks>
/// <para>Layout, for a stream id <c>{id}</c>: <c>e/{id}/h</c> → version u32 (the number of events);
/// <c>e/{id}/v{version u32}</c> → event; <c>e/{id}/s</c> → version u32 | state (all big-endian). Ids hold
/// no <c>/</c>, so no stream's keys are a prefix range inside another's.</para>
/// <para>Concurrency: one writer per stream (its grain activation) is assumed. The version check in
/// <see cref="TryStageAppend"/> reads the store and the batch at staging time, so it catches a stale writer
/// that staged and wrote earlier, but two writers staging at once into different batches could both pass it.
/// Orleans' single activation per grain gives the one writer.</para>
/// <para>Stream ids are 1..<see cref="MaxStreamIdLength"/> printable ASCII characters without <c>/</c>.</para>
/// </remarks>
public sealed class EventStreamStore(IKeyValueReader reader)
{
    public const int MaxStreamIdLength = 128;

    public static bool IsValidStreamId(string? streamId)
    {
        if (string.IsNullOrEmpty(streamId) || streamId.Length > MaxStreamIdLength)
        {
            return false;
        }

        foreach (var c in streamId)
        {
            if (c is < ' ' or > '~' or '/')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The number of stored events of the stream; 0 for a stream never appended to.</summary>
    public int GetVersion(string streamId) => ReadVersion(Keys.For(streamId).Head, batch: null);

    /// <summary>
    /// Stages <paramref name="events"/> at versions <paramref name="expectedVersion"/> onwards and the new
    /// version, when the stream's version is <paramref name="expectedVersion"/>; otherwise stages nothing
    /// and returns false. Appends staged earlier in the same batch count, so two appends can share a batch.
    /// </summary>
    public bool TryStageAppend(WriteBatch batch, string streamId, int expectedVersion, IReadOnlyList<byte[]> events)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        var keys = Keys.For(streamId);
        if (events.Count > int.MaxValue - expectedVersion)
        {
            throw new ArgumentException("the stream would exceed int.MaxValue events", nameof(events));
        }

        for (var i = 0; i < events.Count; i++)
        {
            if (events[i] is null)
            {
                throw new ArgumentException($"event {i} is null", nameof(events));
            }
        }

        if (ReadVersion(keys.Head, batch) != expectedVersion)
        {
            return false;
        }

        for (var i = 0; i < events.Count; i++)
        {
            batch.Put(keys.Event(expectedVersion + i), events[i]);
        }

        if (events.Count > 0)
        {
            batch.Put(keys.Head, KeyCodec.EncodeU32((uint)(expectedVersion + events.Count)));
        }

        return true;
    }

    /// <summary>Stages <paramref name="state"/> as the stream's state after its first <paramref name="version"/>
    /// events, replacing any earlier snapshot.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="version"/> is negative or beyond the
    /// stream's version (counting appends staged in <paramref name="batch"/>).</exception>
    public void StageSnapshot(WriteBatch batch, string streamId, int version, byte[] state)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentOutOfRangeException.ThrowIfNegative(version);
        var keys = Keys.For(streamId);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(version, ReadVersion(keys.Head, batch));
        var value = new byte[sizeof(uint) + state.Length];
        KeyCodec.EncodeU32((uint)version).CopyTo(value, 0);
        state.CopyTo(value, sizeof(uint));
        batch.Put(keys.Snapshot, value);
    }

    /// <summary>The stream's latest written snapshot, or null when it has none.</summary>
    public StreamSnapshot? ReadSnapshot(string streamId)
    {
        if (reader.Get(Keys.For(streamId).Snapshot) is not { } value)
        {
            return null;
        }

        if (value.Length < sizeof(uint))
        {
            throw new InvalidDataException($"a stream snapshot starts with a 4-byte version, found {value.Length} bytes");
        }

        return new StreamSnapshot(ToVersion(KeyCodec.DecodeU32(value.AsSpan(0, sizeof(uint)))), value[sizeof(uint)..]);
    }

    /// <summary>The stream's events from <paramref name="fromVersion"/> to its current version, in order.
    /// Empty when <paramref name="fromVersion"/> is at or beyond the end.</summary>
    public IEnumerable<StreamEvent> ReadEvents(string streamId, int fromVersion)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fromVersion);
        var keys = Keys.For(streamId);
        return Read(keys, fromVersion, ReadVersion(keys.Head, batch: null));
    }

    private IEnumerable<StreamEvent> Read(Keys keys, int fromVersion, int toVersion)
    {
        // Events below the head never change, so point reads need no snapshot to be consistent.
        for (var version = fromVersion; version < toVersion; version++)
        {
            var value = reader.Get(keys.Event(version))
                ?? throw new InvalidDataException($"event {version} of a stream at version {toVersion} is missing");
            yield return new StreamEvent(version, value);
        }
    }

    private int ReadVersion(byte[] headKey, WriteBatch? batch)
    {
        var value = batch is not null && batch.TryGetStaged(headKey, out var staged) ? staged : reader.Get(headKey);
        return value is null ? 0 : ToVersion(KeyCodec.DecodeU32(value));
    }

    private static int ToVersion(uint stored) =>
        stored <= int.MaxValue ? (int)stored : throw new InvalidDataException($"stored stream version {stored} is out of range");

    /// <summary>The keys of one stream.</summary>
    private readonly struct Keys
    {
        private readonly byte[] _eventPrefix;

        private Keys(byte[] root)
        {
            Head = KeyCodec.Concat(root, "h"u8);
            Snapshot = KeyCodec.Concat(root, "s"u8);
            _eventPrefix = KeyCodec.Concat(root, "v"u8);
        }

        public byte[] Head { get; }

        public byte[] Snapshot { get; }

        public static Keys For(string streamId)
        {
            if (!IsValidStreamId(streamId))
            {
                throw new ArgumentException(
                    $"a stream id is 1..{MaxStreamIdLength} printable ASCII characters without '/'", nameof(streamId));
            }

            return new Keys(KeyCodec.Concat(KeyCodec.Concat("e/"u8, KeyCodec.Ascii(streamId)), "/"u8));
        }

        public byte[] Event(int version) => KeyCodec.WithU32(_eventPrefix, (uint)version);
    }
}
