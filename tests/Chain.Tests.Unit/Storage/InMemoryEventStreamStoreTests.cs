namespace Chain.Tests.Unit.Storage;

public sealed class InMemoryEventStreamStoreTests() : EventStreamStoreContract(StoreBackend.InMemory());
