using Chain.GrainInterfaces;
using Chain.Grains.Hosting;

namespace Chain.Grains.Lane;

/// <summary>
/// As the ledger's (<c>ShardGrain.CallFilter.cs</c>): a lane admits only transactions an admission grain checked, and takes block
/// hand-overs only from inside the cluster, so a client can neither put unchecked transactions into a mempool nor feed a lane
/// accounts of its own making.
/// </summary>
public sealed partial class ShardLaneGrain : IIncomingGrainCallFilter
{
    public Task Invoke(IIncomingGrainCallContext context) => ClusterOnlyCalls.Invoke(
        context,
        "a lane takes transactions and blocks only from the cluster's own grains: submit transactions through IAdmissionGrain",
        nameof(IShardLaneGrain.AdmitAsync),
        nameof(IShardLaneGrain.OnChunkFinalAsync));
}
