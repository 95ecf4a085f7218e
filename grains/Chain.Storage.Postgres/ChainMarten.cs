using JasperFx;
using JasperFx.Events;
using Marten;
using Npgsql;

namespace Chain.Storage.Postgres;

/// <summary>The Marten store configuration for chain event streams.</summary>
public static class ChainMarten
{
    /// <summary>The PostgreSQL schema of Marten's tables; the Orleans tables stay in the connection's default schema.</summary>
    public const string Schema = "chain";

    /// <summary>
    /// A store over <paramref name="dataSource"/> (owned by the caller): string stream ids, Rich appends (the
    /// stream version is always right, notes on Quick mode in docs/architecture.md), one event type with a
    /// pinned alias, snapshots as documents. With <paramref name="createSchema"/> false the tables must exist
    /// (<see cref="PostgresSchema.InitializeAsync"/>); the silo never changes the schema while it runs.
    /// </summary>
    public static DocumentStore CreateStore(NpgsqlDataSource dataSource, bool createSchema = false)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        return DocumentStore.For(o =>
        {
            o.Connection(dataSource);
            o.DatabaseSchemaName = Schema;
            o.AutoCreateSchemaObjects = createSchema ? AutoCreate.CreateOrUpdate : AutoCreate.None;
            o.Events.StreamIdentity = StreamIdentity.AsString;
            o.Events.AppendMode = EventAppendMode.Rich;
            o.Events.MapEventType<StoredEvent>("chain.event");
            o.Schema.For<StoredSnapshot>().Identity(s => s.Id);
        });
    }
}
