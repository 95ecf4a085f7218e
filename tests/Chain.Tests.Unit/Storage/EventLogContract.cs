// The contract calls the overloads without a token, as the grains do; each call is short.
#pragma warning disable xUnit1051

using Chain.Storage;

namespace Chain.Tests.Unit.Storage;

/// <summary>
/// What every <see cref="IEventLog"/> backend must do: RocksDB and in memory here, Marten on PostgreSQL in
/// Chain.Tests.Integration (which compiles this file too). <see cref="OpenAsync"/> gives an empty log.
/// </summary>
public abstract class EventLogContract
{
    /// <summary>An empty log for one test; a backend that cannot run here skips (or fails under CI).</summary>
    protected abstract Task<IEventLog> OpenAsync();

    [Fact]
    public async Task An_unknown_stream_has_version_zero_no_events_and_no_snapshot()
    {
        var log = await OpenAsync();

        Assert.Equal(0, await log.GetVersionAsync("shard-0"));
        Assert.Empty(await log.ReadEventsAsync("shard-0", 0));
        Assert.Null(await log.ReadSnapshotAsync("shard-0"));
    }

    [Fact]
    public async Task Appended_events_read_back_in_order_with_their_versions()
    {
        var log = await OpenAsync();

        Assert.True(await log.TryAppendAsync("s", 0, [[1], [2]]));
        Assert.True(await log.TryAppendAsync("s", 2, [[3]]));

        Assert.Equal(3, await log.GetVersionAsync("s"));
        Assert.Equal(["0:01", "1:02", "2:03"], await Read(log, "s", 0));
    }

    [Fact]
    public async Task Events_read_from_a_version_start_there_and_stop_at_the_count()
    {
        var log = await OpenAsync();
        Assert.True(await log.TryAppendAsync("s", 0, [.. Enumerable.Range(0, 300).Select(i => BitConverter.GetBytes(i))]));

        var events = await log.ReadEventsAsync("s", 255);
        var page = await log.ReadEventsAsync("s", 10, 5);

        Assert.Equal(Enumerable.Range(255, 45), events.Select(e => e.Version));
        Assert.Equal(Enumerable.Range(255, 45).Select(i => BitConverter.GetBytes(i)), events.Select(e => e.Event));
        Assert.Equal(Enumerable.Range(10, 5), page.Select(e => e.Version));
        Assert.Empty(await log.ReadEventsAsync("s", 300));
        Assert.Empty(await log.ReadEventsAsync("s", 1000));
        Assert.Empty(await log.ReadEventsAsync("s", 0, 0));
    }

    [Fact]
    public async Task An_append_at_a_stale_version_returns_false_and_writes_nothing()
    {
        var log = await OpenAsync();
        await log.TryAppendAsync("s", 0, [[1], [2]]);

        Assert.False(await log.TryAppendAsync("s", 1, [[9]], new StreamSnapshot(2, [9])));
        Assert.False(await log.TryAppendAsync("s", 3, [[9]]));
        Assert.False(await log.TryAppendAsync("s", 0, [[9]]));
        Assert.False(await log.TryAppendAsync("new", 2, [[9]]));

        Assert.Equal(2, await log.GetVersionAsync("s"));
        Assert.Equal(["0:01", "1:02"], await Read(log, "s", 0));
        Assert.Null(await log.ReadSnapshotAsync("s"));
        Assert.Equal(0, await log.GetVersionAsync("new"));
    }

    [Fact]
    public async Task Of_concurrent_appends_at_one_version_exactly_one_wins()
    {
        var log = await OpenAsync();
        await log.TryAppendAsync("s", 0, [[0]]);

        var results = await Task.WhenAll(Enumerable.Range(1, 8).Select(i => Task.Run(() => log.TryAppendAsync("s", 1, [[(byte)i], [(byte)i]]))));

        Assert.Single(results, r => r);
        Assert.Equal(3, await log.GetVersionAsync("s"));
        var events = await log.ReadEventsAsync("s", 1);
        Assert.Equal(events[0].Event, events[1].Event);
    }

    [Fact]
    public async Task An_empty_append_at_the_current_version_succeeds_and_changes_nothing()
    {
        var log = await OpenAsync();
        await log.TryAppendAsync("s", 0, [[1]]);

        Assert.True(await log.TryAppendAsync("s", 1, []));
        Assert.False(await log.TryAppendAsync("s", 0, []));
        Assert.True(await log.TryAppendAsync("empty", 0, []));

        Assert.Equal(1, await log.GetVersionAsync("s"));
        Assert.Equal(0, await log.GetVersionAsync("empty"));
    }

    [Fact]
    public async Task Empty_events_are_stored_as_events()
    {
        var log = await OpenAsync();

        await log.TryAppendAsync("s", 0, [[], []]);

        Assert.Equal(2, await log.GetVersionAsync("s"));
        Assert.Equal(["0:", "1:"], await Read(log, "s", 0));
    }

    [Fact]
    public async Task A_snapshot_is_written_with_its_append_and_the_latest_replaces_it()
    {
        var log = await OpenAsync();

        Assert.True(await log.TryAppendAsync("s", 0, [[1], [2]], new StreamSnapshot(2, [20, 21])));
        var first = Assert.NotNull(await log.ReadSnapshotAsync("s"));
        Assert.True(await log.TryAppendAsync("s", 2, [[3]], new StreamSnapshot(3, [])));
        var second = Assert.NotNull(await log.ReadSnapshotAsync("s"));

        Assert.Equal(2, first.Version);
        Assert.Equal([20, 21], first.State);
        Assert.Equal(3, second.Version);
        Assert.Empty(second.State);
    }

    [Fact]
    public async Task A_snapshot_may_cover_the_events_of_its_append_but_not_beyond()
    {
        var log = await OpenAsync();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => log.TryAppendAsync("s", 0, [[1], [2]], new StreamSnapshot(3, [0])));
        Assert.Equal(0, await log.GetVersionAsync("s"));
        Assert.True(await log.TryAppendAsync("s", 0, [[1], [2]], new StreamSnapshot(1, [7])));

        var snapshot = Assert.NotNull(await log.ReadSnapshotAsync("s"));
        Assert.Equal(1, snapshot.Version);
        Assert.Equal([7], snapshot.State);
    }

    [Fact]
    public async Task Streams_whose_ids_share_a_prefix_are_separate()
    {
        var log = await OpenAsync();

        await log.TryAppendAsync("a", 0, [[1]]);
        await log.TryAppendAsync("ab", 0, [[2], [3]], new StreamSnapshot(1, [5]));
        await log.TryAppendAsync("a b", 0, [[4]]);

        Assert.Equal(["0:01"], await Read(log, "a", 0));
        Assert.Equal(["0:02", "1:03"], await Read(log, "ab", 0));
        Assert.Equal(["0:04"], await Read(log, "a b", 0));
        Assert.Null(await log.ReadSnapshotAsync("a"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("tab\there")]
    [InlineData("caf\u00e9")]
    public async Task An_invalid_stream_id_is_rejected(string streamId)
    {
        var log = await OpenAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => log.GetVersionAsync(streamId));
        await Assert.ThrowsAsync<ArgumentException>(() => log.TryAppendAsync(streamId, 0, [[1]]));
        await Assert.ThrowsAsync<ArgumentException>(() => log.ReadEventsAsync(streamId, 0));
        await Assert.ThrowsAsync<ArgumentException>(() => log.ReadSnapshotAsync(streamId));
    }

    [Fact]
    public async Task Stream_ids_of_128_characters_work()
    {
        var log = await OpenAsync();
        var id = new string('x', 128);

        Assert.True(await log.TryAppendAsync(id, 0, [[1]]));
        Assert.Equal(1, await log.GetVersionAsync(id));
        await Assert.ThrowsAsync<ArgumentException>(() => log.GetVersionAsync(new string('x', 129)));
    }

    /// <summary>The stream's events from <paramref name="fromVersion"/> as "version:hex" strings.</summary>
    private static async Task<List<string>> Read(IEventLog log, string streamId, int fromVersion) =>
        [.. (await log.ReadEventsAsync(streamId, fromVersion)).Select(e => $"{e.Version}:{Convert.ToHexString(e.Event)}")];
}
