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
    private readonly object _sync = new();
    private int _leases;
    private bool _closed;

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
        lock (_sync)
        {
            if (_closed)
            {
                lease = default;
                return false;
            }

            _leases++;
            lease = new Lease(this);
            return true;
        }
    }

    /// <exception cref="ObjectDisposedException">The handle is closed.</exception>
    public void ThrowIfClosed()
    {
        lock (_sync)
        {
            ObjectDisposedException.ThrowIf(_closed, owner);
        }
    }

    /// <summary>Refuses new leases, waits for those in flight, then runs <paramref name="release"/> once.
    /// False when already closed.</summary>
    public bool Close(Action release)
    {
        lock (_sync)
        {
            if (_closed)
            {
                return false;
            }

            _closed = true;
            while (_leases > 0)
            {
                Monitor.Wait(_sync);
            }

            release();
            return true;
        }
    }

    private void Exit()
    {
        lock (_sync)
        {
            _leases--;
            if (_leases == 0 && _closed)
            {
                Monitor.PulseAll(_sync);
            }
        }
    }

    /// <summary>One use of the handle; dispose it to let a pending close proceed.</summary>
    public readonly struct Lease : IDisposable
    {
        private readonly HandleGate? _gate;

        internal Lease(HandleGate gate) => _gate = gate;

        public void Dispose() => _gate?.Exit();
    }
}
