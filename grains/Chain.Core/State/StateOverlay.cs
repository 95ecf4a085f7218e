using Chain.Protocol.Crypto;
using Chain.Protocol.Proofs;

namespace Chain.Core.State;

/// <summary>
/// Pending writes over committed state during one block's execution. <see cref="Changes()"/> returns the
/// write set sorted by key, so its order never depends on hashing or insertion order.
/// <para>A write set that arrives already sorted (the parallel transaction phase's) is adopted whole
/// (<see cref="AdoptSorted"/>): it is kept as a sorted array beside the dictionary instead of being hashed into it and
/// sorted again, and <see cref="Changes(int)"/> merges the two.</para>
/// <para>Fees are summed and written into the proposer's account the first time anything reads or writes that
/// account, or when the write set is taken: the same values as crediting every fee at once, without a read and a
/// write of the proposer's account per transaction.</para>
/// </summary>
public sealed class StateOverlay(IStateReader committed) : IStateView
{
    private readonly Dictionary<byte[], byte[]?> _writes = new(ByteArrayComparer.Instance);

    // Adopted writes, sorted by key; a dictionary entry for the same key is newer (AdoptSorted removes older ones).
    private StateChange[] _sorted = [];
    private Address _feeRecipient;
    private byte[]? _feeRecipientKey;
    private ulong _deferredFees;

    public byte[]? Get(byte[] key)
    {
        SettleFeesIfRecipient(key);
        if (_writes.TryGetValue(key, out var value))
        {
            return value;
        }

        return _sorted.Length > 0 && IndexOf(_sorted, key) is var index and >= 0 ? _sorted[index].Value : committed.Get(key);
    }

    public void Set(byte[] key, byte[]? value)
    {
        SettleFeesIfRecipient(key);
        _writes[key] = value;
    }

    public void CreditFee(Address proposer, ulong fee)
    {
        if (_feeRecipientKey is null || proposer != _feeRecipient)
        {
            SettleFees();
            _feeRecipient = proposer;
            _feeRecipientKey = StateKeys.Account(proposer);
        }

        _deferredFees = checked(_deferredFees + fee);
    }

    /// <summary>Writes any deferred fees now, after which reads do not write: lanes may then read this overlay concurrently.</summary>
    public void SettlePendingFees() => SettleFees();

    /// <summary>
    /// Writes <paramref name="writes"/> (sorted by key, keys distinct) over everything written so far: the same overlay as
    /// <see cref="Set"/> of each, in any order, without hashing each key into the dictionary or sorting them again in
    /// <see cref="Changes(int)"/>. The array is kept, not copied: the caller must not change it.
    /// </summary>
    public void AdoptSorted(StateChange[] writes)
    {
        if (_sorted.Length > 0)
        {
            // A second adoption (not the parallel phase's pattern): the earlier one becomes ordinary writes, older than this one.
            foreach (var change in _sorted)
            {
                _writes.TryAdd(change.Key, change.Value);
            }
        }

        if (_deferredFees != 0 && IndexOf(writes, _feeRecipientKey!) >= 0)
        {
            // As Set would: the fees are credited to the value before, and the adopted value then replaces it.
            SettleFees();
        }

        _sorted = writes;

        if (_writes.Count == 0)
        {
            return;
        }

        // Older writes of the adopted keys are replaced. The dictionary is small here (the steps before the transactions).
        List<byte[]>? replaced = null;
        foreach (var key in _writes.Keys)
        {
            if (IndexOf(_sorted, key) >= 0)
            {
                (replaced ??= []).Add(key);
            }
        }

        foreach (var key in replaced ?? [])
        {
            _writes.Remove(key);
        }
    }

    /// <summary>Removes and returns, sorted by key, the pending writes whose key starts with <paramref name="prefix"/>.</summary>
    public List<StateChange> TakeWrites(ReadOnlySpan<byte> prefix)
    {
        var taken = new List<StateChange>();
        foreach (var write in _writes)
        {
            if (write.Key.AsSpan().StartsWith(prefix))
            {
                taken.Add(new StateChange(write.Key, write.Value));
            }
        }

        if (_sorted.Length > 0)
        {
            // The adopted keys with the prefix are one run of the sorted array; a dictionary entry for one of them is newer.
            var from = LowerBound(_sorted, prefix);
            var to = from;
            while (to < _sorted.Length && _sorted[to].Key.AsSpan().StartsWith(prefix))
            {
                if (!_writes.ContainsKey(_sorted[to].Key))
                {
                    taken.Add(_sorted[to]);
                }

                to++;
            }

            if (to > from)
            {
                _sorted = [.. _sorted.AsSpan(0, from), .. _sorted.AsSpan(to)];
            }
        }

        foreach (var change in taken)
        {
            _writes.Remove(change.Key);
        }

        taken.Sort((a, b) => ByteArrayComparer.Instance.Compare(a.Key, b.Key));
        return taken;
    }

    public IReadOnlyList<StateChange> Changes() => Changes(1);

    /// <summary>
    /// The write set sorted by key. With <paramref name="parallelism"/> above 1 and enough keys, the two halves are sorted on two
    /// threads and merged: keys are distinct, so the order is the same total order whatever the split (deterministic).
    /// </summary>
    public IReadOnlyList<StateChange> Changes(int parallelism)
    {
        SettleFees();
        var written = SortedDictionaryWrites(parallelism);
        return _sorted.Length == 0 ? written : Merge(_sorted, written);
    }

    /// <summary>The adopted writes and the later ones, both sorted, merged; a later write replaces the adopted one of its key.</summary>
    private static StateChange[] Merge(StateChange[] adopted, StateChange[] later)
    {
        if (later.Length == 0)
        {
            return [.. adopted];
        }

        var merged = new List<StateChange>(adopted.Length + later.Length);
        int i = 0, j = 0;
        while (i < adopted.Length && j < later.Length)
        {
            var order = ByteArrayComparer.Instance.Compare(adopted[i].Key, later[j].Key);
            merged.Add(order < 0 ? adopted[i++] : later[j++]);
            if (order == 0)
            {
                i++;
            }
        }

        merged.AddRange(adopted.AsSpan(i));
        merged.AddRange(later.AsSpan(j));
        return [.. merged];
    }

    private StateChange[] SortedDictionaryWrites(int parallelism)
    {
        var count = _writes.Count;
        var keys = new byte[count][];
        var values = new byte[]?[count];
        _writes.Keys.CopyTo(keys, 0);
        _writes.Values.CopyTo(values, 0);

        // By KeyOrder (key prefixes as numbers, full comparison only on shared prefixes), as the parallel executor's hand-off is:
        // the sequential and parallel paths sort their write sets the same way.
        var order = new int[count];
        var prefixes = new ulong[count];
        for (var i = 0; i < count; i++)
        {
            order[i] = i;
            prefixes[i] = KeyOrder.Prefix(keys[i]);
        }

        var sorted = parallelism < 2 || count < ParallelSortThreshold ? SortWhole(prefixes, order, keys) : SortInHalves(prefixes, order, keys);
        var changes = new StateChange[count];
        for (var k = 0; k < count; k++)
        {
            changes[k] = new StateChange(keys[sorted[k]], values[sorted[k]]);
        }

        return changes;
    }

    private static int[] SortWhole(ulong[] prefixes, int[] order, byte[][] keys)
    {
        KeyOrder.Sort(prefixes.AsSpan(), order.AsSpan(), i => keys[i]);
        return order;
    }

    /// <summary>Each half sorted on its own thread, then merged (keys are distinct, so the order is the one total order).</summary>
    private static int[] SortInHalves(ulong[] prefixes, int[] order, byte[][] keys)
    {
        var count = order.Length;
        var half = count / 2;
        // The default scheduler explicitly: under Orleans the current scheduler is the activation's, which is single-threaded.
        var upper = Task.Factory.StartNew(() => KeyOrder.Sort(prefixes.AsSpan(half), order.AsSpan(half), i => keys[i]), CancellationToken.None, TaskCreationOptions.DenyChildAttach, TaskScheduler.Default);
        KeyOrder.Sort(prefixes.AsSpan(0, half), order.AsSpan(0, half), i => keys[i]);
        upper.Wait();

        var merged = new int[count];
        int a = 0, b = half;
        for (var m = 0; m < count; m++)
        {
            var takeLower = b == count || (a < half && (prefixes[a] != prefixes[b]
                ? prefixes[a] < prefixes[b]
                : ByteArrayComparer.Instance.Compare(keys[order[a]], keys[order[b]]) < 0));
            merged[m] = takeLower ? order[a++] : order[b++];
        }

        return merged;
    }

    private const int ParallelSortThreshold = 512;

    /// <summary>The index of <paramref name="key"/> in <paramref name="sorted"/> (sorted by key), or -1.</summary>
    private static int IndexOf(StateChange[] sorted, byte[] key)
    {
        var at = LowerBound(sorted, key);
        return at < sorted.Length && sorted[at].Key.AsSpan().SequenceEqual(key) ? at : -1;
    }

    /// <summary>The first change in <paramref name="sorted"/> whose key is not less than <paramref name="bound"/>.</summary>
    private static int LowerBound(StateChange[] sorted, ReadOnlySpan<byte> bound)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (sorted[middle].Key.AsSpan().SequenceCompareTo(bound) < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    private void SettleFeesIfRecipient(byte[] key)
    {
        if (_deferredFees != 0 && key.AsSpan().SequenceEqual(_feeRecipientKey))
        {
            SettleFees();
        }
    }

    private void SettleFees()
    {
        if (_deferredFees == 0)
        {
            return;
        }

        var fees = _deferredFees;
        _deferredFees = 0;
        var account = this.GetAccount(_feeRecipient);
        this.SetAccount(_feeRecipient, account with { Balance = checked(account.Balance + fees) });
    }
}
