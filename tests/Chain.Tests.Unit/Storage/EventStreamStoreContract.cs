using Chain.Storage;

namespace Chain.Tests.Unit.Storage;

/// <summary>What <see cref="EventStreamStore"/> must do over every backend.</summary>
public abstract class EventStreamStoreContract(StoreBackend backend) : IDisposable
{
    private readonly IKeyValueStore _store = backend.Open();

    public void Dispose()
    {
        backend.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void An_unknown_stream_has_version_zero_no_events_and_no_snapshot()
    {
        var streams = new EventStreamStore(_store);

        Assert.Equal(0, streams.GetVersion("shard-0"));
        Assert.Empty(streams.ReadEvents("shard-0", 0));
        Assert.Null(streams.ReadSnapshot("shard-0"));
    }

    [Fact]
    public void Appended_events_read_back_in_order_with_their_versions()
    {
        var streams = new EventStreamStore(_store);

        Assert.True(Append(streams, "s", 0, [1], [2]));
        Assert.True(Append(streams, "s", 2, [3]));

        Assert.Equal(3, streams.GetVersion("s"));
        Assert.Equal(["0:01", "1:02", "2:03"], Read(streams, "s", 0));
    }

    [Fact]
    public void Events_read_from_a_version_start_there()
    {
        var streams = new EventStreamStore(_store);
        Append(streams, "s", 0, [.. Enumerable.Range(0, 300).Select(i => BitConverter.GetBytes(i))]);

        var events = streams.ReadEvents("s", 255).ToList();

        Assert.Equal(Enumerable.Range(255, 45), events.Select(e => e.Version));
        Assert.Equal(Enumerable.Range(255, 45).Select(i => BitConverter.GetBytes(i)), events.Select(e => e.Event));
        Assert.Empty(streams.ReadEvents("s", 300));
        Assert.Empty(streams.ReadEvents("s", 1000));
    }

    [Fact]
    public void An_append_at_a_stale_version_returns_false_and_stages_nothing()
    {
        var streams = new EventStreamStore(_store);
        Append(streams, "s", 0, [1], [2]);
        var batch = new WriteBatch();

        Assert.False(streams.TryStageAppend(batch, "s", 1, [[9]]));
        Assert.False(streams.TryStageAppend(batch, "s", 3, [[9]]));
        Assert.False(streams.TryStageAppend(batch, "s", 0, [[9]]));

        Assert.Equal(0, batch.Count);
        Assert.Equal(2, streams.GetVersion("s"));
        Assert.Equal(["0:01", "1:02"], Read(streams, "s", 0));
    }

    [Fact]
    public void A_staged_append_is_invisible_until_its_batch_is_written()
    {
        var streams = new EventStreamStore(_store);
        var batch = new WriteBatch();

        Assert.True(streams.TryStageAppend(batch, "s", 0, [[1]]));

        Assert.Equal(0, streams.GetVersion("s"));
        Assert.Empty(streams.ReadEvents("s", 0));
        _store.Write(batch);
        Assert.Equal(1, streams.GetVersion("s"));
    }

    [Fact]
    public void Two_appends_staged_in_one_batch_take_consecutive_versions()
    {
        var streams = new EventStreamStore(_store);
        var batch = new WriteBatch();

        Assert.True(streams.TryStageAppend(batch, "s", 0, [[1], [2]]));
        Assert.False(streams.TryStageAppend(batch, "s", 0, [[9]]));
        Assert.True(streams.TryStageAppend(batch, "s", 2, [[3]]));
        _store.Write(batch);

        Assert.Equal(["0:01", "1:02", "2:03"], Read(streams, "s", 0));
    }

    [Fact]
    public void An_empty_append_at_the_current_version_succeeds_and_changes_nothing()
    {
        var streams = new EventStreamStore(_store);
        Append(streams, "s", 0, [1]);
        var batch = new WriteBatch();

        Assert.True(streams.TryStageAppend(batch, "s", 1, []));
        Assert.False(streams.TryStageAppend(batch, "s", 0, []));

        Assert.Equal(0, batch.Count);
    }

    [Fact]
    public void Empty_events_are_stored_as_events()
    {
        var streams = new EventStreamStore(_store);

        Append(streams, "s", 0, [], []);

        Assert.Equal(2, streams.GetVersion("s"));
        Assert.Equal(["0:", "1:"], Read(streams, "s", 0));
    }

    [Fact]
    public void A_snapshot_reads_back_with_its_version_and_the_latest_replaces_it()
    {
        var streams = new EventStreamStore(_store);
        Append(streams, "s", 0, [1], [2], [3]);

        Stage(b => streams.StageSnapshot(b, "s", 2, [20, 21]));
        var first = Assert.NotNull(streams.ReadSnapshot("s"));
        Stage(b => streams.StageSnapshot(b, "s", 3, []));
        var second = Assert.NotNull(streams.ReadSnapshot("s"));

        Assert.Equal(2, first.Version);
        Assert.Equal([20, 21], first.State);
        Assert.Equal(3, second.Version);
        Assert.Empty(second.State);
    }

    [Fact]
    public void A_snapshot_may_cover_events_staged_in_the_same_batch_but_not_beyond()
    {
        var streams = new EventStreamStore(_store);
        var batch = new WriteBatch();
        Assert.True(streams.TryStageAppend(batch, "s", 0, [[1], [2]]));

        Assert.Throws<ArgumentOutOfRangeException>(() => streams.StageSnapshot(batch, "s", 3, [0]));
        streams.StageSnapshot(batch, "s", 2, [7]);
        _store.Write(batch);

        var snapshot = Assert.NotNull(streams.ReadSnapshot("s"));
        Assert.Equal(2, snapshot.Version);
        Assert.Equal([7], snapshot.State);
        Assert.Throws<ArgumentOutOfRangeException>(() => streams.StageSnapshot(new WriteBatch(), "other", 1, [0]));
    }

    [Fact]
    public void Streams_whose_ids_share_a_prefix_are_separate()
    {
        var streams = new EventStreamStore(_store);

        Append(streams, "a", 0, [1]);
        Append(streams, "ab", 0, [2], [3]);
        Append(streams, "a b", 0, [4]);
        Stage(b => streams.StageSnapshot(b, "ab", 1, [5]));

        Assert.Equal(["0:01"], Read(streams, "a", 0));
        Assert.Equal(["0:02", "1:03"], Read(streams, "ab", 0));
        Assert.Equal(["0:04"], Read(streams, "a b", 0));
        Assert.Null(streams.ReadSnapshot("a"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("tab\there")]
    [InlineData("caf\u00e9")]
    [InlineData("\u007f")]
    public void An_invalid_stream_id_is_rejected(string streamId)
    {
        var streams = new EventStreamStore(_store);

        Assert.False(EventStreamStore.IsValidStreamId(streamId));
        Assert.Throws<ArgumentException>(() => streams.GetVersion(streamId));
        Assert.Throws<ArgumentException>(() => streams.TryStageAppend(new WriteBatch(), streamId, 0, [[1]]));
        Assert.Throws<ArgumentException>(() => streams.ReadEvents(streamId, 0));
        Assert.Throws<ArgumentException>(() => streams.ReadSnapshot(streamId));
    }

    [Fact]
    public void Stream_ids_are_bounded_at_128_characters()
    {
        var streams = new EventStreamStore(_store);

        Assert.True(Append(streams, new string('x', 128), 0, [1]));
        Assert.False(EventStreamStore.IsValidStreamId(new string('x', 129)));
        Assert.Throws<ArgumentException>(() => streams.GetVersion(new string('x', 129)));
        Assert.True(EventStreamStore.IsValidStreamId(" !~"));
    }

    [Fact]
    public void Event_keys_stay_under_the_e_prefix()
    {
        var streams = new EventStreamStore(_store);
        Append(streams, "s", 0, [1], [2]);
        Stage(b => streams.StageSnapshot(b, "s", 1, [3]));

        var keys = _store.ScanPrefix([]).Select(e => e.Key).ToList();

        // Two events, the head and the snapshot.
        Assert.Equal(4, keys.Count);
        Assert.All(keys, k => Assert.True(k.AsSpan().StartsWith("e/s/"u8)));
    }

    private bool Append(EventStreamStore streams, string streamId, int expectedVersion, params byte[][] events)
    {
        var batch = new WriteBatch();
        if (!streams.TryStageAppend(batch, streamId, expectedVersion, events))
        {
            return false;
        }

        _store.Write(batch);
        return true;
    }

    private void Stage(Action<WriteBatch> stage)
    {
        var batch = new WriteBatch();
        stage(batch);
        _store.Write(batch);
    }

    /// <summary>The stream's events from <paramref name="fromVersion"/> as "version:hex" strings.</summary>
    private static List<string> Read(EventStreamStore streams, string streamId, int fromVersion) =>
        [.. streams.ReadEvents(streamId, fromVersion).Select(e => $"{e.Version}:{Convert.ToHexString(e.Event)}")];
}
