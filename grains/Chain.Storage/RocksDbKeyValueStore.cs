using RocksDbSharp;
using NativeWriteBatch = RocksDbSharp.WriteBatch;

namespace Chain.Storage;

/// <summary>
/// The embedded on-disk backend: one RocksDB database in a directory, default column family, default
/// bytewise comparator (unsigned byte order, as the contract requires).
/// </summary>
/// <remarks>
/// <para>A <see cref="WriteBatch"/> becomes one native write batch, so it is atomic on disk and to readers;
/// <c>durable</c> maps to the WAL fsync (<c>WriteOptions.SetSync</c>).</para>
/// <para>Native handles (the database, snapshots, iterators) are released by <see cref="Dispose"/>, which
/// waits for calls in flight and then makes every later call, snapshot read and scan step throw
/// <see cref="ObjectDisposedException"/> rather than touch freed memory. A scan left unfinished and
/// undisposed keeps its iterator until the store is disposed.</para>
/// </remarks>
public sealed class RocksDbKeyValueStore : IKeyValueStore
{
    /// <summary>The LRU block cache size, shared by all tables of one store.</summary>
    public const ulong BlockCacheBytes = 64UL * 1024 * 1024;

    private readonly RocksDb _db;
    private readonly HandleGate _gate;
    private readonly WriteOptions _durableWrite = new WriteOptions().SetSync(true);
    private readonly WriteOptions _fastWrite = new WriteOptions().SetSync(false);
    private readonly ReadOptions _latestRead = new();
    private readonly HashSet<Iterator> _iterators = [];
    private readonly HashSet<RocksDbKeyValueSnapshot> _snapshots = [];

    // Native options the database points into; the fields keep their finalizers from freeing them early.
    private readonly DbOptions _options;
    private readonly BlockBasedTableOptions _tableOptions;
    private readonly Cache _blockCache;

    private RocksDbKeyValueStore(RocksDb db, DbOptions options, BlockBasedTableOptions tableOptions, Cache blockCache)
    {
        _db = db;
        _options = options;
        _tableOptions = tableOptions;
        _blockCache = blockCache;
        _gate = new HandleGate(this);
        Path = db.Path;
    }

    /// <summary>The database directory.</summary>
    public string Path { get; }

    /// <summary>Opens the database in <paramref name="path"/>, creating the directory and database when missing.</summary>
    /// <exception cref="RocksDbException">RocksDB refused, for example because another process holds the database.</exception>
    public static RocksDbKeyValueStore Open(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(fullPath);

        var blockCache = Cache.CreateLru(BlockCacheBytes);
        var tableOptions = new BlockBasedTableOptions()
            .SetBlockCache(blockCache)
            .SetFilterPolicy(BloomFilterPolicy.Create(10, use_block_based_builder: false))
            .SetWholeKeyFiltering(true);
        var options = new DbOptions()
            .SetCreateIfMissing(true)
            // Uncompressed: the chain stores hashes, keys and signatures. With LZ4 a flush's tables were about 15% smaller
            // than the raw keys and values, mostly from the blocks' prefix encoding (which stays), and flushes and
            // compactions cost about 2 µs of CPU per transfer more under the node benchmark.
            .SetCompression(Compression.No)
            .SetBlockBasedTableFactory(tableOptions);
        var db = RocksDb.Open(options, fullPath);
        return new RocksDbKeyValueStore(db, options, tableOptions, blockCache);
    }

    public byte[]? Get(ReadOnlySpan<byte> key) => Get(key, snapshot: null);

    public IEnumerable<KeyValuePair<byte[], byte[]>> ScanPrefix(byte[] prefix) => ScanPrefix(prefix, snapshot: null);

    public void Write(WriteBatch batch, bool durable = true)
    {
        ArgumentNullException.ThrowIfNull(batch);
        using var native = new NativeWriteBatch();
        foreach (var (key, value) in batch.Operations)
        {
            if (value is null)
            {
                native.Delete(key);
            }
            else
            {
                native.Put(key, value);
            }
        }

        using var lease = _gate.Enter();
        _db.Write(native, durable ? _durableWrite : _fastWrite);
    }

    public IKeyValueSnapshot CreateSnapshot()
    {
        using var lease = _gate.Enter();
        var snapshot = new RocksDbKeyValueSnapshot(this, _db.CreateSnapshot());
        lock (_snapshots)
        {
            _snapshots.Add(snapshot);
        }

        return snapshot;
    }

    public void Dispose() => _gate.Close(() =>
    {
        // RocksDB requires iterators and snapshots to be released before the database closes.
        foreach (var iterator in _iterators)
        {
            iterator.Dispose();
        }

        foreach (var snapshot in _snapshots)
        {
            snapshot.ReleaseNative();
        }

        _iterators.Clear();
        _snapshots.Clear();
        _db.Dispose();
    });

    internal byte[]? Get(ReadOnlySpan<byte> key, RocksDbKeyValueSnapshot? snapshot)
    {
        using var lease = _gate.Enter();
        using var snapshotLease = snapshot?.Enter();
        return _db.Get(key, cf: null, readOptions: snapshot?.ReadOptions ?? _latestRead);
    }

    internal IEnumerable<KeyValuePair<byte[], byte[]>> ScanPrefix(byte[] prefix, RocksDbKeyValueSnapshot? snapshot)
    {
        ArgumentNullException.ThrowIfNull(prefix);

        // Fail now, not at the first MoveNext, when the store or snapshot is already disposed.
        _gate.ThrowIfClosed();
        snapshot?.ThrowIfDisposed();
        return Scan(prefix.AsSpan().ToArray(), snapshot);
    }

    /// <summary>Removes a disposed snapshot from the set the store releases on close. Caller holds a store lease.</summary>
    internal void Forget(RocksDbKeyValueSnapshot snapshot)
    {
        lock (_snapshots)
        {
            _snapshots.Remove(snapshot);
        }
    }

    internal bool TryEnter(out HandleGate.Lease lease) => _gate.TryEnter(out lease);

    private IEnumerable<KeyValuePair<byte[], byte[]>> Scan(byte[] prefix, RocksDbKeyValueSnapshot? snapshot)
    {
        Iterator? iterator = null;
        try
        {
            while (true)
            {
                KeyValuePair<byte[], byte[]>? entry;
                using (_gate.Enter())
                using (snapshot?.Enter())
                {
                    if (iterator is null)
                    {
                        iterator = Track(_db.NewIterator(cf: null, readOptions: snapshot?.ReadOptions ?? _latestRead));
                        iterator.Seek(prefix);
                    }
                    else
                    {
                        iterator.Next();
                    }

                    entry = Current(iterator, prefix);
                }

                if (entry is null)
                {
                    yield break;
                }

                yield return entry.Value;
            }
        }
        finally
        {
            if (iterator is not null)
            {
                Release(iterator);
            }
        }
    }

    /// <summary>The entry under the iterator while it is within <paramref name="prefix"/>; null at the end.</summary>
    private static KeyValuePair<byte[], byte[]>? Current(Iterator iterator, byte[] prefix)
    {
        if (!iterator.Valid())
        {
            // Invalid means either the end of the data or a read error; only the error status tells them apart.
            Native.Instance.rocksdb_iter_get_error(iterator.Handle);
            return null;
        }

        if (!iterator.GetKeySpan().StartsWith(prefix))
        {
            return null;
        }

        return KeyValuePair.Create(iterator.Key(), iterator.Value());
    }

    private Iterator Track(Iterator iterator)
    {
        lock (_iterators)
        {
            _iterators.Add(iterator);
        }

        return iterator;
    }

    private void Release(Iterator iterator)
    {
        // When the gate is closed, Dispose has already destroyed every tracked iterator.
        if (!_gate.TryEnter(out var lease))
        {
            return;
        }

        using (lease)
        {
            bool owned;
            lock (_iterators)
            {
                owned = _iterators.Remove(iterator);
            }

            if (owned)
            {
                iterator.Dispose();
            }
        }
    }
}
