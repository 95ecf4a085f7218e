using Chain.Storage;
using Chain.Storage.Postgres;
using Marten;
using Npgsql;
using Chain.Tests.Unit.Storage;

namespace Chain.Tests.Integration;

/// <summary>The storage contract the embedded backends pass (EventLogContract), on Marten and PostgreSQL.</summary>
public sealed class MartenEventLogTests(PostgresFixture postgres) : EventLogContract, IAsyncDisposable
{
    private NpgsqlDataSource? _dataSource;
    private DocumentStore? _store;

    protected override async Task<IEventLog> OpenAsync()
    {
        var connectionString = await postgres.CreateDatabaseAsync("eventlog");
        _dataSource = NpgsqlDataSource.Create(connectionString);
        await PostgresSchema.InitializeAsync(_dataSource, TestContext.Current.CancellationToken);
        _store = ChainMarten.CreateStore(_dataSource);
        return new MartenEventLog(_store);
    }

    public async ValueTask DisposeAsync()
    {
        _store?.Dispose();
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }
    }
}
