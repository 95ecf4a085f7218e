using Chain.Storage.Postgres;
using Npgsql;

namespace Chain.Tests.Integration;

/// <summary>`silo db init`: the vendored Orleans scripts and Marten's tables (events, snapshots, read models), applied once however often it runs.</summary>
public sealed class PostgresSchemaTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Init_creates_the_Orleans_and_Marten_tables_and_a_second_run_changes_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var dataSource = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync("schema"));

        var first = await PostgresSchema.InitializeAsync(dataSource, ct);
        var second = await PostgresSchema.InitializeAsync(dataSource, ct);

        Assert.Equal(PostgresSchema.OrleansScripts.Select(s => s.Script), first);
        Assert.Empty(second);
        foreach (var table in new[] { "orleansquery", "orleansmembershiptable", "orleansmembershipversiontable", "orleansstorage", "chain.mt_events", "chain.mt_streams",
            "chain.mt_doc_transaction", "chain.mt_doc_account_activity", "chain.mt_doc_contract_event",
            "chain.mt_doc_account_activity_history", "chain.mt_doc_contract_event_position" })
        {
            Assert.True(await ScalarAsync(dataSource, $"SELECT to_regclass('{table}') IS NOT NULL", ct), $"{table} is missing");
        }

        // Every query the 10.4.2 clustering provider asks for, including the one older scripts lacked.
        Assert.True(await ScalarAsync(dataSource, "SELECT count(*) = 1 FROM orleansquery WHERE querykey = 'CleanupDefunctSiloEntriesKey'", ct));
    }

    [Fact]
    public async Task Init_adopts_a_database_where_the_Orleans_scripts_were_run_by_hand()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var dataSource = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync("adopt"));
        await using (var command = dataSource.CreateCommand(PostgresSchema.ReadScript("PostgreSQL-Main.sql")))
        {
            await command.ExecuteNonQueryAsync(ct);
        }

        var applied = await PostgresSchema.InitializeAsync(dataSource, ct);

        Assert.Equal(["PostgreSQL-Clustering.sql", "PostgreSQL-Persistence.sql"], applied);
    }

    [Fact]
    public async Task Silos_initializing_at_once_apply_each_script_once()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var dataSource = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync("race"));

        var runs = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => PostgresSchema.InitializeAsync(dataSource, ct), ct)));

        Assert.Equal(PostgresSchema.OrleansScripts.Count, runs.Sum(r => r.Count));
    }

    private static async Task<bool> ScalarAsync(NpgsqlDataSource dataSource, string sql, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(sql);
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }
}
