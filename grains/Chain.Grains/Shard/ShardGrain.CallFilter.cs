using Chain.GrainInterfaces;

namespace Chain.Grains.Shard;

/// <summary>
/// Admission policy: <see cref="IShardGrain.AdmitAsync"/> (and <see cref="IShardGrain.AdoptAsync"/>) takes only transactions that this cluster's
/// admission grains have decoded and signature-checked, so it refuses calls from clients. The mempool
/// therefore holds only checked transactions and a proposer need not check them again. This is policy
/// inside one trust boundary (any silo code could still call it), not authentication.
/// </summary>
public sealed partial class ShardGrain : IIncomingGrainCallFilter
{
    public Task Invoke(IIncomingGrainCallContext context)
    {
        var method = context.InterfaceMethod?.Name;
        if ((string.Equals(method, nameof(IShardGrain.AdmitAsync), StringComparison.Ordinal) || string.Equals(method, nameof(IShardGrain.AdoptAsync), StringComparison.Ordinal)) &&
            (context.SourceId is not { } source || GrainTypePrefix.IsClient(source)))
        {
            throw new UnauthorizedAccessException("the shard admits only transactions checked by an admission grain: submit through IAdmissionGrain");
        }

        return context.Invoke();
    }
}
