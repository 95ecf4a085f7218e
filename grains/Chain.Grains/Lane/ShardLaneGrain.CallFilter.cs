using Chain.GrainInterfaces;

namespace Chain.Grains.Lane;

/// <summary>
/// As the ledger's (<c>ShardGrain.CallFilter.cs</c>): a lane admits only transactions an admission grain checked, and takes block
/// hand-overs only from inside the cluster, so a client can neither put unchecked transactions into a mempool nor feed a lane
/// accounts of its own making. Policy inside one trust boundary, not authentication.
/// </summary>
public sealed partial class ShardLaneGrain : IIncomingGrainCallFilter
{
    public Task Invoke(IIncomingGrainCallContext context)
    {
        var method = context.InterfaceMethod?.Name;
        if ((string.Equals(method, nameof(IShardLaneGrain.AdmitAsync), StringComparison.Ordinal) || string.Equals(method, nameof(IShardLaneGrain.OnChunkFinalAsync), StringComparison.Ordinal)) &&
            (context.SourceId is not { } source || GrainTypePrefix.IsClient(source)))
        {
            throw new UnauthorizedAccessException($"a lane takes {method} only from the cluster's own grains: submit transactions through IAdmissionGrain");
        }

        return context.Invoke();
    }
}
