namespace Chain.Storage;

/// <summary>
/// An ordered byte-key/byte-value store with atomic batches and point-in-time snapshots.
/// Keys compare as unsigned bytes (lexicographic). Every backend passes the same contract tests
/// (tests/Chain.Tests.Unit/Storage).
/// </summary>
public interface IKeyValueStore : IKeyValueReader, IDisposable
{
    /// <summary>Applies every operation of <paramref name="batch"/> atomically: after a crash, all or none.</summary>
    /// <param name="batch">The operations, applied in order (a later put or delete of the same key wins).</param>
    /// <param name="durable">When true the write is on stable storage before this returns (fsync).</param>
    void Write(WriteBatch batch, bool durable = true);

    /// <summary>A consistent read-only view as of now; later writes are not visible through it.</summary>
    IKeyValueSnapshot CreateSnapshot();
}

/// <summary>Reads from a store or a snapshot.</summary>
public interface IKeyValueReader
{
    byte[]? Get(ReadOnlySpan<byte> key);

    /// <summary>Entries whose key starts with <paramref name="prefix"/>, in ascending key order.</summary>
    IEnumerable<KeyValuePair<byte[], byte[]>> ScanPrefix(byte[] prefix);
}

/// <summary>A read-only, point-in-time view. Dispose it promptly: it pins old data.</summary>
public interface IKeyValueSnapshot : IKeyValueReader, IDisposable;
