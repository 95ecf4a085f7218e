using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Chain.Storage;
using Chain.Storage.Postgres;
using Chain.Tests.Integration;
using Npgsql;
using Spectre.Console;

namespace Chain.Bench;

/// <summary>
/// <c>events</c>: event-append throughput of the two <see cref="IEventLog"/> backends, as the shard appends:
/// each append carries an expected version and a snapshot, in one atomic write. RocksDB (fsync per append,
/// as the embedded ledger writes) and Marten on PostgreSQL (a throwaway local server with fsync on, or
/// --postgres). Every stream's version and last event are checked afterwards.
/// </summary>
internal static class EventsBenchmark
{
    public static Command Command()
    {
        var events = new Option<int>("--events", "-n") { Description = "Events per run.", DefaultValueFactory = _ => 4000, HelpName = "N" };
        var batches = new Option<int[]>("--batch") { Description = "Events per append (repeatable).", DefaultValueFactory = _ => [1, 100], HelpName = "B" };
        var writers = new Option<int>("--writers", "-w") { Description = "Concurrent writers, each on its own streams.", DefaultValueFactory = _ => 8, HelpName = "W" };
        var size = new Option<int>("--event-bytes") { Description = "Bytes per event.", DefaultValueFactory = _ => 256, HelpName = "BYTES" };
        var postgres = new Option<string?>("--postgres") { Description = "Npgsql connection string of an empty database; default: a throwaway local server (initdb/pg_ctl).", HelpName = "CONN" };
        var backend = new Option<string>("--backend") { Description = "rocksdb, postgres or both.", DefaultValueFactory = _ => "both" };
        var json = BenchCli.JsonOption();
        var command = new Command("events", "Event-append throughput to RocksDB (EventStreamStore) and to PostgreSQL (Marten): events/s and appends/s by batch size.")
        {
            events, batches, writers, size, postgres, backend, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var n = parse.GetValue(events);
            var w = parse.GetValue(writers);
            if (n < 1 || w < 1 || parse.GetValue(batches)!.Any(b => b < 1))
            {
                return BenchReport.Failed("--events, --writers and --batch must be at least 1");
            }

            var which = parse.GetValue(backend)!;
            var rows = new JsonArray();
            var table = new Table().AddColumns("backend", "events/append", "writers", "events", "events/s", "appends/s", "ms/append");
            foreach (var b in parse.GetValue(batches)!)
            {
                if (which is "rocksdb" or "both")
                {
                    var dir = Path.Combine(Path.GetTempPath(), $"chain-bench-events-{Guid.NewGuid():N}");
                    try
                    {
                        using var store = RocksDbKeyValueStore.Open(dir);
                        rows.Add(await MeasureAsync("rocksdb", new KeyValueEventLog(store), n, b, w, parse.GetValue(size), table));
                    }
                    finally
                    {
                        Directory.Delete(dir, recursive: true);
                    }
                }

                if (which is "postgres" or "both")
                {
                    await using var server = parse.GetValue(postgres) is null ? await StartServerAsync() : null;
                    var cs = parse.GetValue(postgres) ?? await CreateDatabaseAsync(server!);
                    await using var dataSource = NpgsqlDataSource.Create(cs);
                    await PostgresSchema.InitializeAsync(dataSource, ct);
                    using var marten = ChainMarten.CreateStore(dataSource);
                    rows.Add(await MeasureAsync("postgres (marten)", new MartenEventLog(marten), n, b, w, parse.GetValue(size), table));
                }
            }

            BenchReport.Write(new JsonObject { ["machine"] = BenchReport.Machine(), ["results"] = rows }, parse.GetValue(json), table);
            return 0;
        });
        return command;
    }

    private static async Task<JsonObject> MeasureAsync(string name, IEventLog log, int total, int batch, int writers, int eventBytes, Table table)
    {
        var appendsPerWriter = Math.Max(1, total / batch / writers);
        var payload = new byte[eventBytes];
        Random.Shared.NextBytes(payload);
        var run = Guid.NewGuid().ToString("N")[..8];
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var stream = $"bench-{run}-{w}";
            var version = 0;
            for (var i = 0; i < appendsPerWriter; i++)
            {
                byte[][] events = [.. Enumerable.Range(0, batch).Select(_ => payload)];
                if (!await log.TryAppendAsync(stream, version, events, new StreamSnapshot(version + batch, BitConverter.GetBytes(version + batch))))
                {
                    throw new InvalidOperationException($"{name}: append to {stream} at {version} conflicted with nobody else writing");
                }

                version += batch;
            }
        })));
        clock.Stop();
        for (var w = 0; w < writers; w++)
        {
            var stream = $"bench-{run}-{w}";
            var expected = appendsPerWriter * batch;
            var last = await log.ReadEventsAsync(stream, expected - 1);
            if (await log.GetVersionAsync(stream) != expected || last.Count != 1 || !last[0].Event.AsSpan().SequenceEqual(payload))
            {
                throw new InvalidOperationException($"{name}: {stream} does not read back {expected} events");
            }
        }

        var appends = appendsPerWriter * writers;
        var seconds = clock.Elapsed.TotalSeconds;
        table.AddRow(
            name, batch.ToString(CultureInfo.InvariantCulture), writers.ToString(CultureInfo.InvariantCulture), (appends * batch).ToString("N0", CultureInfo.InvariantCulture),
            BenchReport.Rate(appends * batch / seconds), BenchReport.Rate(appends / seconds), BenchReport.Ms(clock.Elapsed.TotalMilliseconds * writers / appends));
        return new JsonObject
        {
            ["backend"] = name, ["eventsPerAppend"] = batch, ["writers"] = writers, ["events"] = appends * batch, ["eventBytes"] = eventBytes,
            ["eventsPerSecond"] = BenchReport.Round(appends * batch / seconds), ["appendsPerSecond"] = BenchReport.Round(appends / seconds),
        };
    }

    /// <summary>A throwaway local server with fsync on (durable commits, like production), from the integration tests' helper.</summary>
    private static async Task<PgCluster> StartServerAsync()
    {
        var (bin, reason) = PgCluster.FindBinaries();
        return bin is null ? throw new InvalidOperationException(reason + " (or pass --postgres)") : await PgCluster.StartAsync(bin, durable: true);
    }

    private static async Task<string> CreateDatabaseAsync(PgCluster server)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("CREATE DATABASE bench", connection);
        await command.ExecuteNonQueryAsync();
        return server.ConnectionString("bench");
    }
}
