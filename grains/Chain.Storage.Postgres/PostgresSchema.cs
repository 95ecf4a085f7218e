using Npgsql;

namespace Chain.Storage.Postgres;

/// <summary>
/// Prepares a database for a production cluster, idempotently: the Orleans ADO.NET scripts (vendored under
/// Sql/orleans, embedded in this assembly) and Marten's event and snapshot tables. Safe to run from several
/// silos at once (an advisory lock serializes them) and on every start.
/// </summary>
public static class PostgresSchema
{
    /// <summary>The Orleans scripts in the order they must run, each with a table it creates (to adopt a
    /// database where someone ran the script by hand, without running it twice: the scripts are not idempotent).</summary>
    public static IReadOnlyList<(string Script, string CreatesTable)> OrleansScripts { get; } =
    [
        ("PostgreSQL-Main.sql", "orleansquery"),
        ("PostgreSQL-Clustering.sql", "orleansmembershiptable"),
        ("PostgreSQL-Persistence.sql", "orleansstorage"),
    ];

    private const long AdvisoryLockKey = 0x43_68_61_69_6e_44_42; // "ChainDB"

    /// <summary>Applies what is missing; returns the names of the scripts it ran (empty when the database was ready).</summary>
    public static async Task<IReadOnlyList<string>> InitializeAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        var applied = new List<string>();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // A session lock, held until Marten's changes are in too: Marten's DDL is not safe to run twice at once.
        await ExecuteAsync(connection, $"SELECT pg_advisory_lock({AdvisoryLockKey})", cancellationToken);
        try
        {
            await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
            {
                await ExecuteAsync(
                    connection,
                    "CREATE TABLE IF NOT EXISTS chain_schema_scripts (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
                    cancellationToken);
                foreach (var (script, table) in OrleansScripts)
                {
                    if (await ScalarAsync(connection, "SELECT count(*) FROM chain_schema_scripts WHERE name = @p", script, cancellationToken) > 0)
                    {
                        continue;
                    }

                    if (await ScalarAsync(connection, "SELECT count(*) FROM pg_tables WHERE tablename = @p AND schemaname = current_schema()", table, cancellationToken) == 0)
                    {
                        await ExecuteAsync(connection, ReadScript(script), cancellationToken);
                        applied.Add(script);
                    }

                    await ScalarAsync(connection, "INSERT INTO chain_schema_scripts(name) VALUES (@p) RETURNING 0", script, cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
            }

            using var store = ChainMarten.CreateStore(dataSource, createSchema: true);
            await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        }
        finally
        {
            await ExecuteAsync(connection, $"SELECT pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None);
        }

        return applied;
    }

    /// <summary>The text of a vendored Orleans script.</summary>
    public static string ReadScript(string name)
    {
        using var stream = typeof(PostgresSchema).Assembly.GetManifestResourceStream($"Chain.Storage.Postgres.Sql.{name}")
            ?? throw new InvalidOperationException($"script {name} is not embedded in {typeof(PostgresSchema).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql, string parameter, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("p", parameter);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }
}
