using Chain.Storage;

namespace Chain.Tests.Unit.Storage;

/// <summary>The event-log contract on the embedded backend (RocksDB) and the in-memory reference.</summary>
public abstract class KeyValueEventLogTests(StoreBackend backend) : EventLogContract, IDisposable
{
    public void Dispose()
    {
        backend.Dispose();
        GC.SuppressFinalize(this);
    }

    protected override Task<IEventLog> OpenAsync() => Task.FromResult<IEventLog>(new KeyValueEventLog(backend.Open()));
}
