namespace Chain.Tests.Unit.Storage;

public sealed class RocksDbEventStreamStoreTests() : EventStreamStoreContract(StoreBackend.RocksDb());
