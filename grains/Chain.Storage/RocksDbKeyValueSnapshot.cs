using RocksDbSharp;

namespace Chain.Storage;

/// <summary>
/// A RocksDB snapshot of a <see cref="RocksDbKeyValueStore"/>: reads pass <see cref="ReadOptions"/> with the
/// snapshot set. Disposing it releases the native snapshot; disposing the store releases it too.
/// </summary>
internal sealed class RocksDbKeyValueSnapshot : IKeyValueSnapshot
{
    private readonly RocksDbKeyValueStore _store;
    private readonly Snapshot _native;
    private readonly HandleGate _gate;

    public RocksDbKeyValueSnapshot(RocksDbKeyValueStore store, Snapshot native)
    {
        _store = store;
        _native = native;
        _gate = new HandleGate(this);
        ReadOptions = new ReadOptions().SetSnapshot(native);
    }

    internal ReadOptions ReadOptions { get; }

    public byte[]? Get(ReadOnlySpan<byte> key) => _store.Get(key, this);

    public IEnumerable<KeyValuePair<byte[], byte[]>> ScanPrefix(byte[] prefix) => _store.ScanPrefix(prefix, this);

    public void Dispose()
    {
        // Lock order: store lease, then this gate; the store's Dispose takes its own gate and then this one.
        if (!_store.TryEnter(out var storeLease))
        {
            return;
        }

        using (storeLease)
        {
            if (_gate.Close(_native.Dispose))
            {
                _store.Forget(this);
            }
        }
    }

    internal void ThrowIfDisposed() => _gate.ThrowIfClosed();

    /// <summary>One read through this snapshot. Caller holds a store lease.</summary>
    internal HandleGate.Lease Enter() => _gate.Enter();

    /// <summary>Releases the native snapshot as the store closes. Caller holds the store's gate closed.</summary>
    internal void ReleaseNative() => _gate.Close(_native.Dispose);
}
