using Chain.Core.Admission;
using Chain.GrainInterfaces;
using Chain.Grains.Lane;
using Chain.Protocol.Genesis;
using Chain.Protocol.Transactions;
using Orleans.Concurrency;

namespace Chain.Grains.Admission;

/// <summary>
/// Stateless admission: decoding, chain id, payload sanity and the signature check run here, on as many
/// activations as the silo has cores, before a lane's mempool (single-threaded: the ledger's for shard 0, a lane grain's for the
/// others) sees a transaction. Reentrant (it holds no state): an activation checks the next batch's signatures while an
/// earlier batch waits for its mempool, so the cores do not idle while the ledger's turn is a commit's durable write.
/// </summary>
[StatelessWorker]
[Reentrant]
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
            // Each transaction to its lane's mempool: shard 0's to the ledger, the others' to their lane grains, all at once.
            var ledger = grains.GetGrain<IShardGrain>(ClusterDefaults.ShardZero);
            var admitted = await LaneRouting.AdmitAsync(
                grains, genesis, [.. forward.Select(i => checks[i].Transaction!)], batch => ledger.AdmitAsync(new Immutable<SignedTransaction[]>(batch)));
            for (var j = 0; j < forward.Count; j++)
            {
                results[forward[j]] = admitted[j];
            }
        }

        return results;
    }
}
