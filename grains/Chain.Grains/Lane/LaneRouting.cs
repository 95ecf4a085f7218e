using Chain.GrainInterfaces;
using Chain.Protocol.Genesis;
using Chain.Protocol.Sharding;
using Chain.Protocol.Transactions;
using Orleans.Concurrency;

namespace Chain.Grains.Lane;

/// <summary>
/// Sends checked transactions to the mempool of their lane: shard 0's lane to the <c>laneZero</c> delegate (the ledger), every other
/// lane to its <see cref="IShardLaneGrain"/>, all at once. With one shard everything is lane 0. Results come back in input order.
/// </summary>
public static class LaneRouting
{
    public static async Task<SubmitResult[]> AdmitAsync(
        IGrainFactory grains, GenesisDocument genesis, IReadOnlyList<SignedTransaction> transactions, Func<SignedTransaction[], Task<SubmitResult[]>> laneZero)
    {
        var shards = genesis.Parameters.ShardCount;
        if (shards == 1)
        {
            return await laneZero([.. transactions]);
        }

        var byLane = new Dictionary<ushort, List<int>>();
        for (var i = 0; i < transactions.Count; i++)
        {
            var lane = ChunkLayout.LaneOf(transactions[i], shards);
            if (!byLane.TryGetValue(lane, out var list))
            {
                byLane[lane] = list = [];
            }

            list.Add(i);
        }

        var results = new SubmitResult[transactions.Count];
        var lanes = byLane.OrderBy(l => l.Key).ToArray();
        var answers = await Task.WhenAll(lanes.Select(l =>
        {
            SignedTransaction[] batch = [.. l.Value.Select(i => transactions[i])];
            return l.Key == 0 ? laneZero(batch) : grains.GetGrain<IShardLaneGrain>(l.Key).AdmitAsync(new Immutable<SignedTransaction[]>(batch));
        }));
        for (var l = 0; l < lanes.Length; l++)
        {
            for (var j = 0; j < lanes[l].Value.Count; j++)
            {
                results[lanes[l].Value[j]] = answers[l][j];
            }
        }

        return results;
    }
}
