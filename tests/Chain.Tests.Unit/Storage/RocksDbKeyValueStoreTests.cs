using Chain.Storage;

namespace Chain.Tests.Unit.Storage;

public sealed class RocksDbKeyValueStoreTests() : KeyValueStoreContract(StoreBackend.RocksDb())
{
    [Fact]
    public void Writes_survive_dispose_and_reopen()
    {
        var store = Backend.Open();
        store.Write(new WriteBatch().Put([1], [1]).Put([2], [2]), durable: true);
        store.Write(new WriteBatch().Put([3], [3]).Delete([2]), durable: false);
        store.Dispose();

        var reopened = Backend.Open();

        Assert.Equal([[1], [3]], reopened.ScanPrefix([]).Select(e => e.Key));
        Assert.Equal([3], reopened.Get([3]));
    }

    [Fact]
    public void Open_creates_the_directory_and_database_when_missing()
    {
        var path = Path.Combine(Backend.Directory!, "nested", "db");
        Assert.False(Directory.Exists(path));

        using (var store = RocksDbKeyValueStore.Open(path))
        {
            store.Write(new WriteBatch().Put([1], [1]));
            Assert.Equal(Path.GetFullPath(path), store.Path);
        }

        using var reopened = RocksDbKeyValueStore.Open(path);
        Assert.Equal([1], reopened.Get([1]));
    }

    [Fact]
    public void A_database_open_in_one_store_cannot_be_opened_by_another()
    {
        using var first = Backend.Open();

        Assert.ThrowsAny<Exception>(() => RocksDbKeyValueStore.Open(Backend.Directory!));
        first.Write(new WriteBatch().Put([1], [1]));
        Assert.Equal([1], first.Get([1]));
    }
}
