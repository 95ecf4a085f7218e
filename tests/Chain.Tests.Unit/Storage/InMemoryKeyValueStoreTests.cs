namespace Chain.Tests.Unit.Storage;

public sealed class InMemoryKeyValueStoreTests() : KeyValueStoreContract(StoreBackend.InMemory());
