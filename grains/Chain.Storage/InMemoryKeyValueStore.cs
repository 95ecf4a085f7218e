using System.Collections.Immutable;

namespace Chain.Storage;

/// <summary>
/// The reference backend: everything in memory, nothing survives the process. Behaves exactly like
/// <see cref="RocksDbKeyValueStore"/> (a property test checks that both hold the same contents after the
/// same batches), so tests and single-process tools can use it in place of RocksDB.
/// </summary>
/// <remarks>
/// The data is one immutable sorted list swapped atomically under a lock by <see cref="Write"/>. Readers
/// take no lock: they read whichever version is current, so a reader sees a batch entirely or not at all,
/// and a snapshot is a reference to one version (copy-on-write, O(1) to take).
/// </remarks>
public sealed class InMemoryKeyValueStore : IKeyValueStore
{
    private readonly Lock _writeLock = new();
    private ImmutableList<KeyValuePair<byte[], byte[]>> _entries = [];
    private volatile bool _disposed;

    public byte[]? Get(ReadOnlySpan<byte> key)
    {
        ThrowIfDisposed();
        return SortedEntries.Get(Volatile.Read(ref _entries), key);
    }

    public IEnumerable<KeyValuePair<byte[], byte[]>> ScanPrefix(byte[] prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ThrowIfDisposed();
        return ScanLatest(prefix.AsSpan().ToArray());
    }

    public void Write(WriteBatch batch, bool durable = true)
    {
        ArgumentNullException.ThrowIfNull(batch);
        lock (_writeLock)
        {
            ThrowIfDisposed();
            Volatile.Write(ref _entries, SortedEntries.Apply(_entries, batch));
        }
    }

    public IKeyValueSnapshot CreateSnapshot()
    {
        ThrowIfDisposed();
        return new InMemoryKeyValueSnapshot(this, Volatile.Read(ref _entries));
    }

    public void Dispose() => _disposed = true;

    internal void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);

    private IEnumerable<KeyValuePair<byte[], byte[]>> ScanLatest(byte[] prefix)
    {
        // The version is taken when enumeration begins, as RocksDB's iterator does.
        foreach (var entry in SortedEntries.Scan(Volatile.Read(ref _entries), prefix, ThrowIfDisposed))
        {
            yield return entry;
        }
    }
}
