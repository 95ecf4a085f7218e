using Chain.GrainInterfaces;
using Chain.Protocol.Blocks;
using Chain.Protocol.Sharding;
using Chain.Protocol.Transactions;

namespace Chain.Grains.Shard;

/// <summary>
/// Cross-shard receipts as the ledger serves them: the receipts in flight (with proofs, for proposers), each shard's chunk and
/// queues, and the legs of a transfer. All from the block store's cross-shard index, so a new activation on any silo serves
/// the same answers.
/// </summary>
public sealed partial class ShardGrain
{
    /// <summary>Receipts sent by finalized blocks and not yet applied; kept in step with the index at each commit.</summary>
    private int _inFlight;

    public Task<byte[][]> GetIncomingReceiptsAsync(int max)
    {
        var limit = Math.Clamp(max, 0, Chain.Protocol.ProtocolLimits.MaxIncomingPerBlock);
        var receipts = ledger.Blocks.CrossShard.InFlight(limit, ledger.Blocks.GetByHeight);
        return Task.FromResult(receipts.Select(r => r.Encode()).ToArray());
    }

    public Task<ShardStatus[]> GetShardsAsync()
    {
        var shards = genesis.Parameters.ShardCount;
        var latest = ledger.Blocks.GetByHeight(State.Height);
        var chunks = latest?.Chunks is { Count: > 0 } c ? c : ChunkLayout.Headers(shards, [], [], []);
        var inbound = ledger.Blocks.CrossShard.InFlightByDestination();
        var waiting = new int[shards];
        foreach (var tx in _mempool.Candidates(_mempool.Count, CommittedAccount))
        {
            waiting[ChunkLayout.LaneOf(tx, shards)]++;
        }

        return Task.FromResult(Enumerable.Range(0, shards)
            .Select(s => new ShardStatus((ushort)s, State.Height, chunks[s].Encode(), waiting[s], inbound.GetValueOrDefault((ushort)s)))
            .ToArray());
    }

    private void CountInFlight() => _inFlight = ledger.Blocks.CrossShard.InFlightByDestination().Values.Sum();

    private int PendingWork => _mempool.Count + _inFlight;

    /// <summary>After a commit: the in-flight count, and the waiters of transfers whose value arrived or came back.</summary>
    private void OnCrossShardCommitted(FinalizedBlock block)
    {
        _inFlight += block.Outgoing.Count - block.Incoming.Count;
        foreach (var entry in block.Incoming)
        {
            ReleaseWaiters(entry.Receipt.Origin);
        }
    }

    /// <summary>The legs of a final transfer, when it left its shard.</summary>
    private CrossShardLeg[]? Legs(SignedTransaction tx)
    {
        if (genesis.Parameters.ShardCount == 1 || tx.Body.Payload is not Transfer)
        {
            return null;
        }

        var legs = new List<CrossShardLeg>();
        foreach (var height in ledger.Blocks.CrossShard.LegHeights(tx.Hash))
        {
            if (ledger.Blocks.GetByHeight(height) is not { } block)
            {
                continue;
            }

            foreach (var entry in block.Incoming.Where(i => i.Receipt.Origin == tx.Hash))
            {
                var kind = entry.Receipt.Kind == ShardReceiptKind.Refund ? CrossShardLegKind.Refunded
                    : block.Outgoing.Any(o => o.Origin == tx.Hash && o.Kind == ShardReceiptKind.Refund) ? CrossShardLegKind.Bounced
                    : CrossShardLegKind.Credited;
                legs.Add(new CrossShardLeg(kind, height, entry.Receipt.Encode()));
            }

            foreach (var sent in block.Outgoing.Where(o => o.Origin == tx.Hash && o.Kind == ShardReceiptKind.Credit))
            {
                legs.Add(new CrossShardLeg(CrossShardLegKind.Sent, height, sent.Encode()));
            }
        }

        return legs.Count == 0 ? null : [.. legs];
    }

    private static bool Settled(TransactionResult result) => result.Status == TransactionStatus.Final && !result.InFlight;
}
