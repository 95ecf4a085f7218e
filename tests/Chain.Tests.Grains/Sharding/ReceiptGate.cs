using Chain.GrainInterfaces;

namespace Chain.Tests.Grains.Sharding;

/// <summary>
/// Holds cross-shard receipts in flight on purpose, as a relay that is slow to deliver: while closed, the ledger answers a
/// proposer's <see cref="IShardGrain.GetIncomingReceiptsAsync"/> with nothing, so a debit block can be final while no block
/// credits it yet. Blocks keep being finalized; nothing else changes. Opening it lets proposers fetch receipts again.
/// </summary>
internal sealed class ReceiptGate
{
    private volatile bool _open;
    private int _held;

    /// <summary>How many times a proposer was answered with no receipts.</summary>
    public int Held => Volatile.Read(ref _held);

    public void Open() => _open = true;

    public void Register(ISiloBuilder silo) => silo.AddIncomingGrainCallFilter(Invoke);

    private Task Invoke(IIncomingGrainCallContext context)
    {
        if (!_open && context.InterfaceMethod?.DeclaringType == typeof(IShardGrain) &&
            string.Equals(context.InterfaceMethod.Name, nameof(IShardGrain.GetIncomingReceiptsAsync), StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _held);
            context.Result = Array.Empty<byte[]>();
            return Task.CompletedTask;
        }

        return context.Invoke();
    }
}
