namespace Chain.Storage;

/// <summary>
/// An ordered byte-key/byte-value store with atomic batches and point-in-time snapshots.
/// Keys compare as unsigned bytes (lexicographic). Every backend passes the same contract tests
/// (tests/Chain.Tests.Unit/Storage).
/// </summary>
/// <remarks>
/// Implementations are thread-safe. Arrays passed in are copied and arrays handed out are the caller's
/// own, so neither side can change the other's data. After <see cref="IDisposable.Dispose"/> every call,
/// including enumeration of a scan already under way and reads through the store's snapshots, throws
/// <see cref="ObjectDisposedException"/>.
/// </remarks>
public interface IKeyValueStore : IKeyValueReader, IDisposable
{
    /// <summary>Applies every operation of <paramref name="batch"/> atomically: after a crash, all or none,
    /// and a concurrent reader sees all or none.</summary>
    /// <param name="batch">The operations, applied in order (a later put or delete of the same key wins).</param>
    /// <param name="durable">When true the write is on stable storage before this returns (fsync).
    /// When false a machine failure may lose it (RocksDB still keeps it across a process crash).</param>
    void Write(WriteBatch batch, bool durable = true);

    /// <summary>A consistent read-only view as of now; later writes are not visible through it.</summary>
    IKeyValueSnapshot CreateSnapshot();
}

/// <summary>Reads from a store or a snapshot.</summary>
public interface IKeyValueReader
{
    /// <summary>The value stored under <paramref name="key"/>, or null when there is none.
    /// An empty value is a stored value: it reads back as an empty array, never null.</summary>
    byte[]? Get(ReadOnlySpan<byte> key);

    /// <summary>Entries whose key starts with <paramref name="prefix"/>, in ascending key order.
    /// Lazy: it reads a consistent view taken when enumeration begins. An empty prefix scans everything.</summary>
    IEnumerable<KeyValuePair<byte[], byte[]>> ScanPrefix(byte[] prefix);
}

/// <summary>A read-only, point-in-time view. Dispose it promptly: it pins old data.</summary>
public interface IKeyValueSnapshot : IKeyValueReader, IDisposable;
