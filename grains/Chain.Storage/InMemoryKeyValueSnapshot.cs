using System.Collections.Immutable;

namespace Chain.Storage;

/// <summary>One version of an <see cref="InMemoryKeyValueStore"/>'s data. Unusable once it or its store is disposed.</summary>
internal sealed class InMemoryKeyValueSnapshot(InMemoryKeyValueStore store, ImmutableList<KeyValuePair<byte[], byte[]>> entries)
    : IKeyValueSnapshot
{
    private volatile bool _disposed;

    public byte[]? Get(ReadOnlySpan<byte> key)
    {
        ThrowIfDisposed();
        return SortedEntries.Get(entries, key);
    }

    public IEnumerable<KeyValuePair<byte[], byte[]>> ScanPrefix(byte[] prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ThrowIfDisposed();
        return SortedEntries.Scan(entries, prefix.AsSpan().ToArray(), ThrowIfDisposed);
    }

    public void Dispose() => _disposed = true;

    private void ThrowIfDisposed()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        store.ThrowIfDisposed();
    }
}
