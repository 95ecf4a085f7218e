using System.Buffers;
using System.Runtime.InteropServices;
using Chain.Core.State;

namespace Chain.Core.Execution.Speculative;

/// <summary>
/// The slots the transactions of a block wrote, in first-write order, and at the end the write set sorted by key for
/// <see cref="StateOverlay.AdoptSorted"/>, on two threads: the executor's own and its first worker, both done with the
/// transactions at that point. Each key's sort prefix (<see cref="KeyOrder"/>) is noted when its slot is first written,
/// while the slot is at hand, so the sort moves numbers and indices and reads each slot once more, in key order.
/// <para>The keys are split by value, not by position: those whose prefix is below a pivot (the median of a sample)
/// come first, so each thread sorts its part straight into its own range of the result and nothing is merged.
/// Keys are distinct, so the result is the one total order whatever the pivot; the pivot only balances the work.</para>
/// <para><see cref="Add"/> is called by the committing thread only; <see cref="Start"/> once no slot is added any
/// more, by the thread that then calls <see cref="SortOwnPart"/>.</para>
/// </summary>
internal sealed class WriteSetSorter
{
    /// <summary>Below this many keys one thread sorts them all: handing half over costs more than it saves.</summary>
    private const int SplitThreshold = 512;
    private const int Samples = 63;

    private const int Pending = 0;
    private const int Split = 1;
    private const int Whole = 2;
    private const int Abandoned = 3;

    private readonly List<Slot> _slots = [];
    private readonly List<ulong> _prefixes = [];
    private int _state;
    private ulong _pivot;
    private int _lowerCount;
    private StateChange[] _changes = [];

    /// <summary>The written slots, in first-write order.</summary>
    public IReadOnlyList<Slot> Slots => _slots;

    public void Add(Slot slot)
    {
        _slots.Add(slot);
        _prefixes.Add(slot.Prefix);
    }

    /// <summary>No slot is added any more: decides how the sort is shared, and lets a helper (<see cref="HelpSort"/>) begin.</summary>
    public void Start(bool helped)
    {
        var count = _slots.Count;
        _changes = new StateChange[count];
        if (!helped || count < SplitThreshold)
        {
            // Every prefix is at least 0: the "upper" part is all of them.
            Volatile.Write(ref _state, Whole);
            return;
        }

        var prefixes = CollectionsMarshal.AsSpan(_prefixes);
        Span<ulong> sample = stackalloc ulong[Samples];
        for (var s = 0; s < Samples; s++)
        {
            sample[s] = prefixes[(int)((long)s * count / Samples)];
        }

        sample.Sort();
        _pivot = sample[Samples / 2];
        var lower = 0;
        foreach (var prefix in prefixes)
        {
            lower += prefix < _pivot ? 1 : 0;
        }

        _lowerCount = lower;
        Volatile.Write(ref _state, Split);
    }

    /// <summary>There is nothing to sort (the block goes on sequentially, or failed): a waiting helper stops waiting.</summary>
    public void Abandon() => Interlocked.CompareExchange(ref _state, Abandoned, Pending);

    /// <summary>The helper's share: waits for <see cref="Start"/> or <see cref="Abandon"/>, then sorts the upper part if the work is split.</summary>
    public void HelpSort()
    {
        var spinner = default(SpinWait);
        while (Volatile.Read(ref _state) == Pending)
        {
            spinner.SpinOnce(sleep1Threshold: -1);
        }

        if (Volatile.Read(ref _state) == Split)
        {
            SortPart(upper: true);
        }
    }

    /// <summary>After <see cref="Start"/>: the lower part (or all of it); the result is complete once the helper is done too.</summary>
    public StateChange[] SortOwnPart()
    {
        SortPart(upper: Volatile.Read(ref _state) == Whole);
        return _changes;
    }

    private void SortPart(bool upper)
    {
        var prefixes = CollectionsMarshal.AsSpan(_prefixes);
        var size = upper ? prefixes.Length - _lowerCount : _lowerCount;
        var keys = ArrayPool<ulong>.Shared.Rent(size);
        var order = ArrayPool<int>.Shared.Rent(size);
        var n = 0;
        for (var i = 0; i < prefixes.Length; i++)
        {
            if (prefixes[i] >= _pivot == upper)
            {
                keys[n] = prefixes[i];
                order[n++] = i;
            }
        }

        var slots = _slots;
        KeyOrder.Sort(keys.AsSpan(0, size), order.AsSpan(0, size), i => slots[i].Key);
        var offset = upper ? _lowerCount : 0;
        for (var j = 0; j < size; j++)
        {
            var slot = slots[order[j]];
            _changes[offset + j] = new StateChange(slot.Key, slot.Current);
        }

        ArrayPool<ulong>.Shared.Return(keys);
        ArrayPool<int>.Shared.Return(order);
    }
}
