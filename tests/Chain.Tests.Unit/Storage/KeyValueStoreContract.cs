using Chain.Storage;

namespace Chain.Tests.Unit.Storage;

/// <summary>What every <see cref="IKeyValueStore"/> backend must do; each backend runs it through a sealed subclass.</summary>
public abstract class KeyValueStoreContract(StoreBackend backend) : IDisposable
{
    protected StoreBackend Backend { get; } = backend;

    public void Dispose()
    {
        Backend.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void A_missing_key_reads_as_null()
    {
        var store = Backend.Open();
        store.Write(new WriteBatch().Put([1], [10]));

        Assert.Null(store.Get([2]));
        Assert.Null(store.Get([1, 0]));
        Assert.Null(store.Get([]));
    }

    [Fact]
    public void A_written_value_reads_back()
    {
        var store = Backend.Open();
        store.Write(new WriteBatch().Put([1, 2, 3], [4, 5, 6]));

        Assert.Equal([4, 5, 6], store.Get([1, 2, 3]));
    }

    [Fact]
    public void A_later_put_overwrites_the_value()
    {
        var store = Backend.Open();
        store.Write(new WriteBatch().Put([1], [10]));
        store.Write(new WriteBatch().Put([1], [20, 21]));

        Assert.Equal([20, 21], store.Get([1]));
    }

    [Fact]
    public void A_deleted_key_reads_as_null_and_leaves_others()
    {
        var store = Backend.Open();
        store.Write(new WriteBatch().Put([1], [10]).Put([2], [20]));
        store.Write(new WriteBatch().Delete([1]).Delete([3]));

        Assert.Null(store.Get([1]));
        Assert.Equal([20], store.Get([2]));
        Assert.Equal([[2]], store.ScanPrefix([]).Select(e => e.Key));
    }

    [Fact]
    public void An_empty_value_is_not_a_missing_value()
    {
        var store = Backend.Open();
        store.Write(new WriteBatch().Put([1], []));

        var value = store.Get([1]);
        Assert.NotNull(value);
        Assert.Empty(value);
        var entry = Assert.Single(store.ScanPrefix([1]));
        Assert.Empty(entry.Value);
    }

    [Fact]
    public void An_empty_key_is_a_key_like_any_other()
    {
        var store = Backend.Open();
        store.Write(new WriteBatch().Put([], [7]).Put([0], [8]));

        Assert.Equal([7], store.Get([]));
        Assert.Equal([[], [0]], store.ScanPrefix([]).Select(e => e.Key));
    }

    [Fact]
    public void A_batch_applies_its_operations_in_order()
    {
        var store = Backend.Open();
        store.Write(new WriteBatch().Put([2], [99]));

        store.Write(new WriteBatch()
            .Put([1], [1]).Put([1], [2])
            .Delete([2]).Put([2], [3])
            .Put([3], [4]).Delete([3]));

        Assert.Equal([2], store.Get([1]));
        Assert.Equal([3], store.Get([2]));
        Assert.Null(store.Get([3]));
    }

    [Fact]
    public void An_empty_batch_changes_nothing()
    {
        var store = Backend.Open();
        store.Write(new WriteBatch().Put([1], [1]));

        store.Write(new WriteBatch());

        Assert.Equal([1], store.Get([1]));
        Assert.Single(store.ScanPrefix([]));
    }

    [Fact]
    public async Task A_batch_is_visible_all_or_nothing_to_concurrent_readers()
    {
        var store = Backend.Open();
        byte[][] keys = [.. Enumerable.Range(0, 16).Select(i => new[] { (byte)'k', (byte)i })];
        const int Rounds = 300;
        var writer = Task.Run(() =>
        {
            for (var round = 0; round < Rounds; round++)
            {
                var batch = new WriteBatch();
                foreach (var key in keys)
                {
                    batch.Put(key, BitConverter.GetBytes(round));
                }

                store.Write(batch, durable: false);
            }
        }, TestContext.Current.CancellationToken);

        var observed = 0;
        while (!writer.IsCompleted || observed == 0)
        {
            using var snapshot = store.CreateSnapshot();
            var values = keys.Select(k => snapshot.Get(k)).ToList();
            var scanned = store.ScanPrefix([(byte)'k']).Select(e => e.Value).ToList();
            Assert.All(values, v => Assert.Equal(values[0], v));
            Assert.All(scanned, v => Assert.Equal(scanned[0], v));
            Assert.True(scanned.Count is 0 or 16, $"a scan saw {scanned.Count} of 16 keys");
            observed++;
        }

        await writer;
        Assert.Equal(BitConverter.GetBytes(Rounds - 1), store.Get(keys[^1]));
    }

    [Fact]
    public void A_prefix_scan_returns_keys_in_ascending_unsigned_byte_order()
    {
        var store = Backend.Open();
        var batch = new WriteBatch();
        foreach (var key in new byte[][] { [0x70, 0xff], [0x70, 0x80], [0x70, 0x7f], [0x70, 0x00], [0x70], [0x70, 0x7f, 0x00], [0x70, 0x01] })
        {
            batch.Put(key, key);
        }

        store.Write(batch);

        var keys = store.ScanPrefix([0x70]).Select(e => e.Key).ToList();
        Assert.Equal<byte[]>([[0x70], [0x70, 0x00], [0x70, 0x01], [0x70, 0x7f], [0x70, 0x7f, 0x00], [0x70, 0x80], [0x70, 0xff]], keys);
        Assert.All(store.ScanPrefix([0x70]), e => Assert.Equal(e.Key, e.Value));
    }

    [Fact]
    public void A_prefix_scan_excludes_keys_outside_the_prefix()
    {
        var store = Backend.Open();
        store.Write(new WriteBatch()
            .Put("a/"u8.ToArray(), [0])
            .Put("a/1"u8.ToArray(), [1])
            .Put("a/2"u8.ToArray(), [2])
            .Put("a"u8.ToArray(), [3])
            .Put("a."u8.ToArray(), [4])
            .Put("a0"u8.ToArray(), [5])
            .Put("b/1"u8.ToArray(), [6]));

        Assert.Equal([[0], [1], [2]], store.ScanPrefix("a/"u8.ToArray()).Select(e => e.Value));
        Assert.Empty(store.ScanPrefix("c"u8.ToArray()));
        Assert.Empty(store.ScanPrefix("a/3"u8.ToArray()));
    }

    [Fact]
    public void A_prefix_of_0xff_bytes_scans_to_the_end_of_the_keyspace()
    {
        var store = Backend.Open();
        store.Write(new WriteBatch().Put([0xfe], [1]).Put([0xff], [2]).Put([0xff, 0xff], [3]).Put([0xff, 0xff, 0x00], [4]));

        Assert.Equal([[3], [4]], store.ScanPrefix([0xff, 0xff]).Select(e => e.Value));
    }

    [Fact]
    public void The_empty_prefix_scans_every_entry()
    {
        var store = Backend.Open();
        store.Write(new WriteBatch().Put([3], [3]).Put([1], [1]).Put([0xff], [0xff]).Put([2, 0], [2]));

        Assert.Equal([[1], [2, 0], [3], [0xff]], store.ScanPrefix([]).Select(e => e.Key));
    }

    [Fact]
    public void A_snapshot_does_not_see_later_writes()
    {
        var store = Backend.Open();
        store.Write(new WriteBatch().Put([1], [1]).Put([2], [2]).Put([3], [3]));
        using var snapshot = store.CreateSnapshot();

        store.Write(new WriteBatch().Put([1], [10]).Delete([2]).Put([4], [4]));

        Assert.Equal([1], snapshot.Get([1]));
        Assert.Equal([2], snapshot.Get([2]));
        Assert.Null(snapshot.Get([4]));
        Assert.Equal([[1], [2], [3]], snapshot.ScanPrefix([]).Select(e => e.Value));
        Assert.Equal([10], store.Get([1]));
        Assert.Null(store.Get([2]));
        Assert.Equal([[10], [3], [4]], store.ScanPrefix([]).Select(e => e.Value));
    }

    [Fact]
    public void Snapshots_taken_at_different_times_see_different_versions()
    {
        var store = Backend.Open();
        store.Write(new WriteBatch().Put([1], [1]));
        using var first = store.CreateSnapshot();
        store.Write(new WriteBatch().Put([1], [2]));
        using var second = store.CreateSnapshot();
        store.Write(new WriteBatch().Put([1], [3]));

        Assert.Equal([1], first.Get([1]));
        Assert.Equal([2], second.Get([1]));
        Assert.Equal([3], store.Get([1]));
    }

    [Fact]
    public void A_scan_reads_the_view_taken_when_enumeration_begins()
    {
        var store = Backend.Open();
        store.Write(new WriteBatch().Put([1], [1]).Put([2], [2]).Put([3], [3]));

        var seen = new List<byte[]>();
        foreach (var (key, _) in store.ScanPrefix([]))
        {
            seen.Add(key);
            store.Write(new WriteBatch().Delete([3]).Put([4], [4]));
        }

        Assert.Equal([[1], [2], [3]], seen);
    }

    [Fact]
    public void Arrays_passed_in_and_handed_out_are_not_shared_with_the_store()
    {
        var store = Backend.Open();
        var key = new byte[] { 1 };
        var value = new byte[] { 10 };
        store.Write(new WriteBatch().Put(key, value));
        value[0] = 99;
        key[0] = 2;

        store.Get([1])![0] = 77;
        store.ScanPrefix([]).Single().Value[0] = 66;

        Assert.Equal([10], store.Get([1]));
        Assert.Null(store.Get([2]));
    }

    [Fact]
    public void A_large_value_round_trips()
    {
        var store = Backend.Open();
        var value = new byte[4 * 1024 * 1024];
        new Random(7).NextBytes(value);

        store.Write(new WriteBatch().Put([1], value));

        Assert.Equal(value, store.Get([1]));
    }

    [Fact]
    public void A_disposed_store_refuses_every_call()
    {
        var store = Backend.Open();
        store.Write(new WriteBatch().Put([1], [1]));

        store.Dispose();
        store.Dispose();

        Assert.Throws<ObjectDisposedException>(() => store.Get([1]));
        Assert.Throws<ObjectDisposedException>(() => store.ScanPrefix([]));
        Assert.Throws<ObjectDisposedException>(() => store.Write(new WriteBatch().Put([2], [2])));
        Assert.Throws<ObjectDisposedException>(store.CreateSnapshot);
    }

    [Fact]
    public async Task Disposing_the_store_under_concurrent_users_stops_them_with_ObjectDisposedException()
    {
        var store = Backend.Open();
        var batch = new WriteBatch();
        for (var i = 0; i < 64; i++)
        {
            batch.Put([0, (byte)i], [(byte)i]);
        }

        store.Write(batch);
        var firstRounds = Enumerable.Range(0, 4)
            .Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        // Dedicated threads: four endless loops on a two-core thread pool would wait for thread injection.
        var users = Enumerable.Range(0, 4).Select(n => Task.Factory.StartNew(() =>
        {
            try
            {
                while (true)
                {
                    using var snapshot = store.CreateSnapshot();
                    Assert.Equal(64, snapshot.ScanPrefix([0]).Count());
                    Assert.Equal(new[] { (byte)n }, store.Get([0, (byte)n]));
                    store.Write(new WriteBatch().Put([1, (byte)n], [1]), durable: false);
                    firstRounds[n].TrySetResult();
                }
            }
            catch (ObjectDisposedException)
            {
                return firstRounds[n].Task.IsCompletedSuccessfully;
            }
            catch (Exception e)
            {
                firstRounds[n].TrySetException(e);
                throw;
            }
        }, TestContext.Current.CancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToList();

        await Task.WhenAll(firstRounds.Select(r => r.Task));
        store.Dispose();

        Assert.All(await Task.WhenAll(users), Assert.True);
    }

    [Fact]
    public void A_disposed_snapshot_refuses_reads_and_the_store_carries_on()
    {
        var store = Backend.Open();
        store.Write(new WriteBatch().Put([1], [1]));
        var snapshot = store.CreateSnapshot();

        snapshot.Dispose();
        snapshot.Dispose();

        Assert.Throws<ObjectDisposedException>(() => snapshot.Get([1]));
        Assert.Throws<ObjectDisposedException>(() => snapshot.ScanPrefix([]));
        Assert.Equal([1], store.Get([1]));
    }

    [Fact]
    public void Disposing_the_store_ends_its_snapshots_and_scans()
    {
        var store = Backend.Open();
        store.Write(new WriteBatch().Put([1], [1]).Put([2], [2]));
        var snapshot = store.CreateSnapshot();
        using var scan = store.ScanPrefix([]).GetEnumerator();
        using var snapshotScan = snapshot.ScanPrefix([]).GetEnumerator();
        Assert.True(scan.MoveNext());
        Assert.True(snapshotScan.MoveNext());

        store.Dispose();

        Assert.Throws<ObjectDisposedException>(() => snapshot.Get([1]));
        Assert.Throws<ObjectDisposedException>(() => scan.MoveNext());
        Assert.Throws<ObjectDisposedException>(() => snapshotScan.MoveNext());
        snapshot.Dispose();
    }

    [Fact]
    public void Disposing_a_snapshot_ends_its_scans()
    {
        var store = Backend.Open();
        store.Write(new WriteBatch().Put([1], [1]).Put([2], [2]));
        var snapshot = store.CreateSnapshot();
        using var scan = snapshot.ScanPrefix([]).GetEnumerator();
        Assert.True(scan.MoveNext());

        snapshot.Dispose();

        Assert.Throws<ObjectDisposedException>(() => scan.MoveNext());
        Assert.Equal([[1], [2]], store.ScanPrefix([]).Select(e => e.Key));
    }
}
