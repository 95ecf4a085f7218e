using System.Collections.Concurrent;
using Chain.Core.State;

namespace Chain.Core.Execution.Speculative;

/// <summary>
/// The multi-version store of the parallel transaction phase: one <see cref="Slot"/> per key touched, holding the
/// latest committed version (the writer's transaction index, or -1 for the state after the begin step). Only the
/// committing thread publishes versions, always in transaction order, so a slot's version is the value that
/// sequential execution holds after the transactions committed so far. Speculative executions read slots
/// concurrently and record the exact version object they saw; validation compares references.
/// </summary>
internal sealed class VersionedStore(IStateReader beforeTransactions, int threads, int expectedKeys)
{
    // Sized up front: growing a concurrent dictionary takes every lock, and a block touches a few keys per transaction.
    private readonly ConcurrentDictionary<byte[], Slot> _slots = new(threads, expectedKeys, ByteArrayComparer.Instance);

    /// <summary>The slot of <paramref name="key"/>, its base version loaded.</summary>
    public Slot Slot(byte[] key)
    {
        var slot = _slots.GetOrAdd(key, static k => new Slot(k));
        slot.EnsureLoaded(beforeTransactions);
        return slot;
    }
}

/// <summary>One committed value of a key. Reference identity is the version: a new commit is a new object.</summary>
internal sealed class VersionedValue(byte[]? value, int writer)
{
    public byte[]? Value => value;

    /// <summary>The index of the transaction that wrote it; -1 for the state before the transaction phase.</summary>
    public int Writer => writer;
}

/// <summary>A key's latest committed version. <see cref="Written"/> is read and set by the committing thread only.</summary>
internal sealed class Slot(byte[] key)
{
    private VersionedValue? _current;

    public byte[] Key => key;

    /// <summary>Whether a transaction wrote this key (it then belongs to the block's write set).</summary>
    public bool Written { get; set; }

    public VersionedValue Current => Volatile.Read(ref _current) ?? throw new InvalidOperationException("slot read before it was loaded");

    public void EnsureLoaded(IStateReader beforeTransactions)
    {
        if (Volatile.Read(ref _current) is null)
        {
            // Two threads may both read the base value; it is the same value, and the first to publish wins.
            Interlocked.CompareExchange(ref _current, new VersionedValue(beforeTransactions.Get(key), -1), null);
        }
    }

    public void Publish(VersionedValue version) => Volatile.Write(ref _current, version);
}
