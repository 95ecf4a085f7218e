using Chain.Protocol.Crypto;
using Chain.Protocol.Proofs;

namespace Chain.Core.State;

/// <summary>
/// Pending writes over committed state during one block's execution. <see cref="Changes()"/> returns the
/// write set sorted by key, so its order never depends on hashing or insertion order.
/// <para>Fees are summed and written into the proposer's account the first time anything reads or writes that
/// account, or when the write set is taken: the same values as crediting every fee at once, without a read and a
/// write of the proposer's account per transaction.</para>
/// </summary>
public sealed class StateOverlay(IStateReader committed) : IStateView
{
    private readonly Dictionary<byte[], byte[]?> _writes = new(ByteArrayComparer.Instance);
    private Address _feeRecipient;
    private byte[]? _feeRecipientKey;
    private ulong _deferredFees;

    public byte[]? Get(byte[] key)
    {
        SettleFeesIfRecipient(key);
        return _writes.TryGetValue(key, out var value) ? value : committed.Get(key);
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
        var count = _writes.Count;
        var keys = new byte[count][];
        var values = new byte[]?[count];
        _writes.Keys.CopyTo(keys, 0);
        _writes.Values.CopyTo(values, 0);
        var comparer = ByteArrayComparer.Instance;
        if (parallelism < 2 || count < ParallelSortThreshold)
        {
            Array.Sort(keys, values, comparer);
            return Zip(keys, values, 0, count);
        }

        var half = count / 2;
        // The default scheduler explicitly: under Orleans the current scheduler is the activation's, which is single-threaded.
        var upper = Task.Factory.StartNew(() => Array.Sort(keys, values, half, count - half, comparer), CancellationToken.None, TaskCreationOptions.DenyChildAttach, TaskScheduler.Default);
        Array.Sort(keys, values, 0, half, comparer);
        upper.Wait();

        var merged = new StateChange[count];
        int i = 0, j = half, k = 0;
        while (i < half && j < count)
        {
            merged[k++] = comparer.Compare(keys[i], keys[j]) < 0 ? new StateChange(keys[i], values[i++]) : new StateChange(keys[j], values[j++]);
        }

        while (i < half)
        {
            merged[k++] = new StateChange(keys[i], values[i++]);
        }

        while (j < count)
        {
            merged[k++] = new StateChange(keys[j], values[j++]);
        }

        return merged;
    }

    private const int ParallelSortThreshold = 512;

    private static StateChange[] Zip(byte[][] keys, byte[]?[] values, int from, int count)
    {
        var changes = new StateChange[count];
        for (var i = 0; i < count; i++)
        {
            changes[i] = new StateChange(keys[from + i], values[from + i]);
        }

        return changes;
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
