using Chain.Storage;

namespace Chain.Tests.Unit.Storage;

/// <summary>
/// Opens stores of one backend for a test and cleans up after it: every store it opened is disposed and a
/// RocksDB backend's temporary directory is deleted. <see cref="Open"/> on RocksDB reopens the same
/// directory, so a test can check what survives a restart.
/// </summary>
public sealed class StoreBackend : IDisposable
{
    private readonly Func<IKeyValueStore> _open;
    private readonly List<IKeyValueStore> _opened = [];

    private StoreBackend(string name, Func<StoreBackend, IKeyValueStore> open, string? directory)
    {
        Name = name;
        Directory = directory;
        _open = () => open(this);
    }

    public string Name { get; }

    /// <summary>The database directory; null for the in-memory backend.</summary>
    public string? Directory { get; }

    public static StoreBackend InMemory() => new("in-memory", _ => new InMemoryKeyValueStore(), directory: null);

    public static StoreBackend RocksDb() =>
        new("rocksdb", backend => RocksDbKeyValueStore.Open(backend.Directory!), NewTemporaryDirectory());

    public static string NewTemporaryDirectory() =>
        Path.Combine(Path.GetTempPath(), "chain-storage-tests", Guid.NewGuid().ToString("N"));

    public IKeyValueStore Open()
    {
        var store = _open();
        _opened.Add(store);
        return store;
    }

    public void Dispose()
    {
        foreach (var store in _opened)
        {
            store.Dispose();
        }

        if (Directory is not null && System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }

    public override string ToString() => Name;
}
