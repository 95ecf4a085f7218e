namespace Chain.Storage;

/// <summary>
/// A view of a store in which every key is silently prefixed, so several independent datasets (a node's
/// ledger, each hosted validator's replica) share one database without seeing each other. Batches are
/// rewritten with the prefix and applied atomically by the underlying store. Disposing the view does not
/// dispose the underlying store.
/// </summary>
public sealed class KeyspaceStore(IKeyValueStore inner, byte[] prefix) : IKeyValueStore
{
    private readonly byte[] _prefix = prefix.Length > 0 ? (byte[])prefix.Clone() : throw new ArgumentException("a keyspace needs a non-empty prefix", nameof(prefix));

    public byte[]? Get(ReadOnlySpan<byte> key) => inner.Get(KeyCodec.Concat(_prefix, key));

    public IEnumerable<KeyValuePair<byte[], byte[]>> ScanPrefix(byte[] prefix) => Strip(inner.ScanPrefix(KeyCodec.Concat(_prefix, prefix)), _prefix.Length);

    public void Write(WriteBatch batch, bool durable = true)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var prefixed = new WriteBatch();
        foreach (var op in batch.Operations)
        {
            var key = KeyCodec.Concat(_prefix, op.Key);
            if (op.Value is null)
            {
                prefixed.Delete(key);
            }
            else
            {
                prefixed.Put(key, op.Value);
            }
        }

        inner.Write(prefixed, durable);
    }

    public IKeyValueSnapshot CreateSnapshot() => new Snapshot(inner.CreateSnapshot(), _prefix);

    public void Dispose()
    {
    }

    private static IEnumerable<KeyValuePair<byte[], byte[]>> Strip(IEnumerable<KeyValuePair<byte[], byte[]>> entries, int length) =>
        entries.Select(e => new KeyValuePair<byte[], byte[]>(e.Key[length..], e.Value));

    private sealed class Snapshot(IKeyValueSnapshot inner, byte[] prefix) : IKeyValueSnapshot
    {
        public byte[]? Get(ReadOnlySpan<byte> key) => inner.Get(KeyCodec.Concat(prefix, key));

        public IEnumerable<KeyValuePair<byte[], byte[]>> ScanPrefix(byte[] scanPrefix) => Strip(inner.ScanPrefix(KeyCodec.Concat(prefix, scanPrefix)), prefix.Length);

        public void Dispose() => inner.Dispose();
    }
}
