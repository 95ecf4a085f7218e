using System.CommandLine;
using Chain.Storage.Postgres;
using Npgsql;

namespace Chain.Silo;

/// <summary><c>db init</c>: prepares a PostgreSQL database for a cluster (Orleans and Marten tables), idempotently.</summary>
public static class DbCommand
{
    public static Command Create()
    {
        var postgres = new Option<string>("--postgres") { Description = "Npgsql connection string (default: Chain:Postgres / CHAIN__POSTGRES)." };
        var init = new Command(
            "init",
            """
            Creates what a cluster needs in an existing database: the Orleans ADO.NET tables (clustering, grain
            storage; the scripts ship inside the silo) and the Marten event store tables in schema "chain".
            Safe to run again, and from several places at once. The silo also does this at start unless
            --initialize-database false.

            Example:
              dotnet run --project silo -- db init --postgres "Host=localhost;Database=chain;Username=chain;Password=..."
            """)
        {
            postgres,
        };
        init.SetAction(async (parse, ct) =>
        {
            var given = new Dictionary<string, string?> { [nameof(ChainSiloOptions.Storage)] = "postgres" };
            if (parse.GetValue(postgres) is { } cs)
            {
                given[nameof(ChainSiloOptions.Postgres)] = cs;
            }

            var (options, problems) = SiloConfiguration.Load(given);
            if (options is null)
            {
                problems.ToList().ForEach(p => Console.Error.WriteLine($"error: {p}"));
                return 2;
            }

            try
            {
                await using var dataSource = NpgsqlDataSource.Create(options.Postgres!);
                var applied = await PostgresSchema.InitializeAsync(dataSource, ct);
                Console.WriteLine(applied.Count == 0
                    ? "The database was ready; nothing to do."
                    : $"Applied {string.Join(", ", applied)}; Marten's tables are in schema {ChainMarten.Schema}.");
                return 0;
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
            {
                Console.Error.WriteLine($"error: could not prepare the database: {e.Message} (check the connection string and that the user may create tables)");
                return 3;
            }
        });
        return new Command("db", "Database commands for --storage postgres.") { init };
    }
}
