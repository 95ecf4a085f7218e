using Chain.Grains.Events;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;

namespace Chain.Storage.Postgres.ReadModel;

/// <summary>
/// Maintains <see cref="TransactionRecord"/>, <see cref="AccountActivity"/> and <see cref="ContractEventRecord"/> from
/// the shard streams' <see cref="ChunkCommitted"/> events. Registered inline (<see cref="ChainMarten"/>): the documents
/// are written in the append's own transaction, so a committed block is always readable and a rejected append
/// (optimistic concurrency) leaves nothing behind. Documents are upserts keyed by hash, so a replay is idempotent.
/// </summary>
public sealed class ReadModelProjection : IProjection
{
    /// <summary>The prefix of the shard stream ids (ShardGrain: <c>shard-{n}</c>); other streams carry no blocks.</summary>
    public const string ShardStreamPrefix = "shard-";

    public Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(operations);
        ArgumentNullException.ThrowIfNull(events);
        foreach (var e in events)
        {
            if (e.StreamKey is not { } stream || !stream.StartsWith(ShardStreamPrefix, StringComparison.Ordinal) || e.Data is not StoredEvent stored)
            {
                continue;
            }

            if (ShardEventCodec.Decode(stored.Data) is not ChunkCommitted committed)
            {
                continue;
            }

            var rows = BlockRows.From(stream, committed);
            if (rows.Transactions.Count > 0)
            {
                operations.Store<TransactionRecord>(rows.Transactions);
                operations.Store<AccountActivity>(rows.Activities);
            }

            if (rows.ContractEvents.Count > 0)
            {
                operations.Store<ContractEventRecord>(rows.ContractEvents);
            }
        }

        return Task.CompletedTask;
    }
}
