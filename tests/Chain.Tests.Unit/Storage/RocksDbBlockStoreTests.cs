namespace Chain.Tests.Unit.Storage;

public sealed class RocksDbBlockStoreTests() : BlockStoreContract(StoreBackend.RocksDb());
