using Chain.Storage;

namespace Chain.Tests.Unit.Storage;

public sealed class KeyspaceStoreTests
{
    [Theory]
    [InlineData("in-memory")]
    [InlineData("rocksdb")]
    public void Keyspaces_over_one_database_never_see_each_others_keys(string backendName)
    {
        using var backend = backendName == "rocksdb" ? StoreBackend.RocksDb() : StoreBackend.InMemory();
        var database = backend.Open();
        var a = new KeyspaceStore(database, "r/a/"u8.ToArray());
        var b = new KeyspaceStore(database, "r/b/"u8.ToArray());

        a.Write(new WriteBatch().Put([1], [10]).Put([2], [20]));
        b.Write(new WriteBatch().Put([1], [11]));

        Assert.Equal([10], a.Get([1]));
        Assert.Equal([11], b.Get([1]));
        Assert.Null(b.Get([2]));
        Assert.Equal([[1], [2]], a.ScanPrefix([]).Select(e => e.Key));
        Assert.Equal([[1]], b.ScanPrefix([]).Select(e => e.Key));
        Assert.Equal([10], database.Get("r/a/\u0001"u8));

        using var snapshot = a.CreateSnapshot();
        a.Write(new WriteBatch().Delete([1]));
        Assert.Null(a.Get([1]));
        Assert.Equal([10], snapshot.Get([1]));
        Assert.Equal([11], b.Get([1]));
    }

    [Fact]
    public void A_keyspace_needs_a_prefix() =>
        Assert.Throws<ArgumentException>(() => new KeyspaceStore(new InMemoryKeyValueStore(), []));
}
