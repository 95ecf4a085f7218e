namespace Chain.Tests.Unit.Storage;

public sealed class InMemoryEventLogTests() : KeyValueEventLogTests(StoreBackend.InMemory());
