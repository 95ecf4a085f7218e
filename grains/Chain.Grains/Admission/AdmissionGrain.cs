using Chain.Core.Admission;
using Chain.GrainInterfaces;
using Chain.Protocol.Genesis;
using Chain.Protocol.Transactions;
using Orleans.Concurrency;

namespace Chain.Grains.Admission;

/// <summary>
/// Stateless admission: decoding, chain id, payload sanity and the signature check run here, on as many
/// activations as the silo has cores, before the shard (single-threaded) sees a transaction.
/// </summary>
[StatelessWorker]
public sealed class AdmissionGrain(GenesisDocument genesis, IGrainFactory grains) : Grain, IAdmissionGrain
{
    private const int ParallelThreshold = 32;

    public async Task<SubmitResult> SubmitAsync(byte[] rawTransaction) =>
        (await SubmitBatchAsync([rawTransaction]))[0];

    public async Task<SubmitResult[]> SubmitBatchAsync(byte[][] rawTransactions)
    {
        var checks = new AdmissionCheck[rawTransactions.Length];
        if (rawTransactions.Length >= ParallelThreshold)
        {
            Parallel.For(0, rawTransactions.Length, i => checks[i] = StatelessAdmission.Check(rawTransactions[i], genesis.ChainId));
        }
        else
        {
            for (var i = 0; i < rawTransactions.Length; i++)
            {
                checks[i] = StatelessAdmission.Check(rawTransactions[i], genesis.ChainId);
            }
        }

        var results = new SubmitResult[rawTransactions.Length];
        var forward = new List<int>();
        for (var i = 0; i < checks.Length; i++)
        {
            if (checks[i].IsAccepted)
            {
                forward.Add(i);
            }
            else
            {
                results[i] = new SubmitResult(false, checks[i].Transaction?.Hash.ToArray(), (int)checks[i].Error, checks[i].Message);
            }
        }

        if (forward.Count > 0)
        {
            var shard = grains.GetGrain<IShardGrain>(ClusterDefaults.ShardZero);
            var admitted = await shard.AdmitAsync(new Immutable<SignedTransaction[]>([.. forward.Select(i => checks[i].Transaction!)]));
            for (var j = 0; j < forward.Count; j++)
            {
                results[forward[j]] = admitted[j];
            }
        }

        return results;
    }
}
