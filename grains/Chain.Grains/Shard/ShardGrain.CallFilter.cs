using Chain.GrainInterfaces;
using Chain.Grains.Hosting;

namespace Chain.Grains.Shard;

/// <summary>
/// Admission policy: <see cref="IShardGrain.AdmitAsync"/> (and <see cref="IShardGrain.AdoptAsync"/>) takes only transactions that this
/// cluster's admission grains (or lanes) have decoded and signature-checked, so it refuses calls from clients. The mempool therefore
/// holds only checked transactions and a proposer need not check them again (<see cref="ClusterOnlyCalls"/>).
/// </summary>
public sealed partial class ShardGrain : IIncomingGrainCallFilter
{
    public Task Invoke(IIncomingGrainCallContext context) => ClusterOnlyCalls.Invoke(
        context,
        "the shard admits only transactions checked by an admission grain: submit through IAdmissionGrain",
        nameof(IShardGrain.AdmitAsync),
        nameof(IShardGrain.AdoptAsync));
}
