using Chain.GrainInterfaces;
using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;
using Chain.Protocol.Sharding;
using Chain.Protocol.Transactions;
using Chain.Storage;

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

    /// <summary>
    /// Proven receipts of the chunks with receipts in flight, by (height, source shard): each proposal asks for the receipts in flight,
    /// and without this every ask decoded each sending block and recomputed its chunk's proofs. Rebuilt lazily after activation;
    /// chunks no receipt in flight refers to any more are dropped after each ask.
    /// </summary>
    private readonly Dictionary<(ulong Height, ushort Source), IReadOnlyDictionary<(ushort Destination, byte Channel, ulong Sequence), IncomingReceipt>> _provenChunks = [];

    public Task<byte[][]> GetIncomingReceiptsAsync(int max)
    {
        var limit = Math.Clamp(max, 0, Chain.Protocol.ProtocolLimits.MaxIncomingPerBlock);
        var used = new HashSet<(ulong, ushort)>();
        var receipts = ledger.Blocks.CrossShard.InFlight(limit, (height, source) =>
        {
            used.Add((height, source));
            if (!_provenChunks.TryGetValue((height, source), out var chunk))
            {
                var block = ledger.Blocks.GetByHeight(height) ?? throw new InvalidDataException($"block {height}, which sent receipts still in flight, is missing");
                _provenChunks[(height, source)] = chunk = CrossShardIndex.ProveChunk(block, source);
            }

            return chunk;
        });
        foreach (var stale in _provenChunks.Keys.Where(k => !used.Contains(k)).ToList())
        {
            _provenChunks.Remove(stale);
        }

        return Task.FromResult(receipts.Select(r => r.Encode()).ToArray());
    }

    public async Task<ShardStatus[]> GetShardsAsync()
    {
        var lanes = await LaneStatusesAsync();
        var shards = genesis.Parameters.ShardCount;
        var latest = ledger.Blocks.GetByHeight(State.Height);
        var chunks = latest?.Chunks is { Count: > 0 } c ? c : ChunkLayout.Headers(shards, [], [], []);
        var inbound = ledger.Blocks.CrossShard.InFlightByDestination();
        return [.. Enumerable.Range(0, shards).Select(s => s == 0
            ? new ShardStatus(0, State.Height, chunks[0].Encode(), _mempool.Count, inbound.GetValueOrDefault((ushort)0), RuntimeIdentity)
            : new ShardStatus((ushort)s, State.Height, chunks[s].Encode(), lanes[s]?.PendingTransactions ?? -1, inbound.GetValueOrDefault((ushort)s), lanes[s]?.Silo))];
    }

    private void CountInFlight() => _inFlight = ledger.Blocks.CrossShard.InFlightByDestination().Values.Sum();

    private int PendingWork => _mempool.Count + LanesPending + _inFlight;

    /// <summary>After a commit: the in-flight count, and the waiters of transfers whose value arrived or came back.</summary>
    private void OnCrossShardCommitted(FinalizedBlock block)
    {
        _inFlight += block.Outgoing.Count - block.Incoming.Count;
        foreach (var entry in block.Incoming)
        {
            ReleaseWaiters(entry.Receipt.Origin);
        }
    }

    /// <summary>The legs of a final transfer, when it left its shard: from the index, which keeps each block's receipts of the transfer.</summary>
    private CrossShardLeg[]? Legs(SignedTransaction tx)
    {
        if (genesis.Parameters.ShardCount == 1 || tx.Body.Payload is not (Transfer or Call))
        {
            return null;
        }

        var legs = new List<CrossShardLeg>();
        foreach (var (height, indexed) in ledger.Blocks.CrossShard.Legs(tx.Hash))
        {
            var receipts = indexed ?? FromBlock(height, tx.Hash);
            if (tx.Body.Payload is Call)
            {
                legs.AddRange(CallLegs(height, receipts));
                continue;
            }

            foreach (var (direction, receipt) in receipts.Where(r => r.Direction == LegDirection.Applied))
            {
                var kind = receipt.Kind == ShardReceiptKind.Refund ? CrossShardLegKind.Refunded
                    : receipts.Any(r => r.Direction == LegDirection.Sent && r.Receipt.Kind == ShardReceiptKind.Refund) ? CrossShardLegKind.Bounced
                    : CrossShardLegKind.Credited;
                legs.Add(new CrossShardLeg(kind, height, receipt.Encode()));
            }

            foreach (var (_, sent) in receipts.Where(r => r.Direction == LegDirection.Sent && r.Receipt.Kind == ShardReceiptKind.Credit))
            {
                legs.Add(new CrossShardLeg(CrossShardLegKind.Sent, height, sent.Encode()));
            }
        }

        return legs.Count == 0 ? null : [.. legs];
    }

    /// <summary>
    /// An asynchronous call's legs in one block: a call applied there ran the callee (the callback it sent is that leg's receipt), a
    /// callback applied there ran the caller's callback, and a call sent there left the caller's shard.
    /// </summary>
    private static IEnumerable<CrossShardLeg> CallLegs(ulong height, List<(LegDirection Direction, ShardReceipt Receipt)> receipts)
    {
        foreach (var (direction, receipt) in receipts)
        {
            var kind = (direction, receipt.Kind) switch
            {
                (LegDirection.Applied, ShardReceiptKind.Callback) => CrossShardLegKind.CallbackRan,
                (LegDirection.Sent, ShardReceiptKind.Callback) => CrossShardLegKind.CallExecuted,
                (LegDirection.Sent, ShardReceiptKind.Call) => CrossShardLegKind.CallSent,
                _ => (CrossShardLegKind?)null, // a call applied: its callback, sent in the same block, is the leg
            };
            if (kind is { } k)
            {
                yield return new CrossShardLeg(k, height, receipt.Encode());
            }
        }
    }

    /// <summary>The transfer's receipts in a block, for an index entry written before the index kept them.</summary>
    private List<(LegDirection Direction, ShardReceipt Receipt)> FromBlock(ulong height, Hash32 origin)
    {
        if (ledger.Blocks.GetByHeight(height) is not { } block)
        {
            return [];
        }

        return
        [
            .. block.Incoming.Where(i => i.Receipt.Origin == origin).Select(i => (LegDirection.Applied, i.Receipt)),
            .. block.Outgoing.Where(o => o.Origin == origin).Select(o => (LegDirection.Sent, o)),
        ];
    }

    private static bool Settled(TransactionResult result) => result.Status == TransactionStatus.Final && !result.InFlight;
}
