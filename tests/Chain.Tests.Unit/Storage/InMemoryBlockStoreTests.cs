namespace Chain.Tests.Unit.Storage;

public sealed class InMemoryBlockStoreTests() : BlockStoreContract(StoreBackend.InMemory());
