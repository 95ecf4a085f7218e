namespace Chain.Tests.Unit.Storage;

public sealed class RocksDbEventLogTests() : KeyValueEventLogTests(StoreBackend.RocksDb());
