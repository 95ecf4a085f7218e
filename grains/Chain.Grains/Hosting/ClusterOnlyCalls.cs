namespace Chain.Grains.Hosting;

/// <summary>
/// A grain call filter's rule shared by the ledger and the lanes: the named methods take calls only from the cluster's own grains,
/// never from a client. Policy inside one trust boundary (any silo code could still call them), not authentication.
/// </summary>
internal static class ClusterOnlyCalls
{
    public static Task Invoke(IIncomingGrainCallContext context, string refusal, params string[] methods)
    {
        var method = context.InterfaceMethod?.Name;
        if (method is not null && methods.Contains(method, StringComparer.Ordinal) && (context.SourceId is not { } source || GrainTypePrefix.IsClient(source)))
        {
            throw new UnauthorizedAccessException(refusal);
        }

        return context.Invoke();
    }
}
