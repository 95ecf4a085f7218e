using JasperFx;
using Chain.Storage.Postgres.ReadModel;
using JasperFx.Events;
using JasperFx.Events.Projections;
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
    /// pinned alias, snapshots as documents, and the read models of <see cref="ReadModel.ReadModelProjection"/>. With <paramref name="createSchema"/> false the tables must exist
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

            // Read models of the shard streams, written inline (in the append's transaction; see ReadModelProjection).
            o.Projections.Add(new ReadModelProjection(), ProjectionLifecycle.Inline);
            o.Schema.For<TransactionRecord>().Identity(t => t.Id).DocumentAlias("transaction");
            o.Schema.For<AccountActivity>().Identity(a => a.Id).DocumentAlias("account_activity")
                .Index(a => new { a.Account, a.Height, a.Index }, i => i.Name = "mt_doc_account_activity_history");
            o.Schema.For<ContractEventRecord>().Identity(c => c.Id).DocumentAlias("contract_event")
                .Index(c => new { c.Contract, c.Height, c.TransactionIndex, c.Index }, i => i.Name = "mt_doc_contract_event_position");
        });
    }
}
