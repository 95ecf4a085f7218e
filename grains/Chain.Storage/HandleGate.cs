namespace Chain.Storage;

/// <summary>
/// Guards a native handle: any number of calls may use it at once, and closing waits for them to finish,
/// releases the handle exactly once, then refuses later calls with <see cref="ObjectDisposedException"/>.
/// Without it, a read racing with <c>Dispose</c> would touch freed native memory and take the process
/// down instead of throwing.
/// </summary>
/// <remarks><c>owner</c> is the object exceptions name as disposed. A lease is never held across a
/// <c>yield</c> or any caller code, so leases are short and a thread holding one never closes the same gate.</remarks>
internal sealed class HandleGate(object owner)
{
    /// <summary>Set in <see cref="_state"/> once closing began; the low bits count the leases in flight.</summary>
    private const int ClosedBit = 1 << 30;

    // Leases in flight, plus ClosedBit once closing began. Entering and leaving are one interlocked operation each: every state
    // read goes through here, from several threads at once (parallel execution), where a lock was contended on every read.
    private int _state;

    /// <summary>Enters for one use of the handle.</summary>
    /// <exception cref="ObjectDisposedException">The handle is closed.</exception>
    public Lease Enter()
    {
        ObjectDisposedException.ThrowIf(!TryEnter(out var lease), owner);
        return lease;
    }

    /// <summary>Enters for one use of the handle; false, holding nothing, when it is closed.</summary>
    public bool TryEnter(out Lease lease)
    {
        var state = Volatile.Read(ref _state);
        while ((state & ClosedBit) == 0)
        {
            var seen = Interlocked.CompareExchange(ref _state, state + 1, state);
            if (seen == state)
            {
                lease = new Lease(this);
                return true;
            }

            state = seen;
        }

        lease = default;
        return false;
    }

    /// <exception cref="ObjectDisposedException">The handle is closed.</exception>
    public void ThrowIfClosed() => ObjectDisposedException.ThrowIf((Volatile.Read(ref _state) & ClosedBit) != 0, owner);

    /// <summary>Refuses new leases, waits for those in flight, then runs <paramref name="release"/> once.
    /// False when already closed.</summary>
    public bool Close(Action release)
    {
        if ((Interlocked.Or(ref _state, ClosedBit) & ClosedBit) != 0)
        {
            return false;
        }

        // Leases are short (never held across a yield or caller code), so spinning until they end is brief.
        var spinner = default(SpinWait);
        while (Volatile.Read(ref _state) != ClosedBit)
        {
            spinner.SpinOnce();
        }

        release(); // once: only the call that set ClosedBit gets here
        return true;
    }

    private void Exit() => Interlocked.Decrement(ref _state);

    /// <summary>One use of the handle; dispose it to let a pending close proceed.</summary>
    public readonly struct Lease : IDisposable
    {
        private readonly HandleGate? _gate;

        internal Lease(HandleGate gate) => _gate = gate;

        public void Dispose() => _gate?.Exit();
    }
}
