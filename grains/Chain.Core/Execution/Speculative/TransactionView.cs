using Chain.Core.State;
using Chain.Protocol.Crypto;

namespace Chain.Core.Execution.Speculative;

/// <summary>
/// One execution (incarnation) of one transaction over a <see cref="VersionedStore"/>: the first read of a key
/// records the value seen (its reference is its version) and later reads return it (a transaction never sees two
/// versions of a key), writes stay here until the committer applies them. The proposer's fee is deferred
/// (<see cref="DeferredFee"/>) unless the transaction touches the proposer's account otherwise: without that, every
/// transaction would read and write the proposer's account and conflict with every other one.
/// <para>A view is reused for many executions (<see cref="Reset"/>), so executing a transaction allocates nothing here
/// once the entry array has grown to the block's largest transaction.</para>
/// </summary>
internal sealed class TransactionView(VersionedStore store, Address proposer, byte[] proposerKey) : IStateView
{
    private Entry[] _entries = new Entry[4];
    private int _count;

    public TransactionOutcome Outcome { get; set; }

    /// <summary>The execution threw (a speculative one may have seen an inconsistent mix of versions).</summary>
    public bool Faulted { get; set; }

    /// <summary>A fee owed to the proposer that this transaction did not write into the proposer's account.</summary>
    public ulong? DeferredFee { get; private set; }

    /// <summary>Whether the transaction read or wrote the proposer's account itself.</summary>
    public bool TouchesProposer { get; private set; }

    /// <summary>The keys touched, in first-touch order.</summary>
    public ReadOnlySpan<Entry> Entries => _entries.AsSpan(0, _count);

    /// <summary>Empties the view for the next execution; drops its references so that old values can be collected.</summary>
    public void Reset()
    {
        Array.Clear(_entries, 0, _count);
        _count = 0;
        Outcome = default;
        Faulted = false;
        DeferredFee = null;
        TouchesProposer = false;
    }

    public byte[]? Get(byte[] key)
    {
        MaterializeFeeIfProposer(key);
        var found = Find(key);
        if (found >= 0)
        {
            ref var entry = ref _entries[found];
            return entry.Written ? entry.Value : entry.Seen;
        }

        var slot = store.Slot(key);
        var seen = slot.Current;
        Add(slot) = new Entry { Slot = slot, Read = true, Seen = seen };
        return seen;
    }

    public void Set(byte[] key, byte[]? value)
    {
        MaterializeFeeIfProposer(key);
        var found = Find(key);
        ref var entry = ref found >= 0 ? ref _entries[found] : ref Add(store.Slot(key));
        entry.Written = true;
        entry.Value = value;
    }

    public void CreditFee(Address to, ulong fee)
    {
        if (to != proposer || Find(proposerKey) >= 0)
        {
            Credit(to, fee);
            return;
        }

        DeferredFee = checked((DeferredFee ?? 0) + fee);
    }

    private void MaterializeFeeIfProposer(byte[] key)
    {
        if (!Matches(key, proposerKey))
        {
            return;
        }

        TouchesProposer = true;
        if (DeferredFee is { } fee)
        {
            DeferredFee = null;
            Credit(proposer, fee);
        }
    }

    private void Credit(Address to, ulong fee)
    {
        var account = this.GetAccount(to);
        this.SetAccount(to, account with { Balance = checked(account.Balance + fee) });
    }

    private int Find(byte[] key)
    {
        var entries = _entries;
        for (var i = 0; i < _count; i++)
        {
            if (Matches(entries[i].Slot.Key, key))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>A new entry for <paramref name="slot"/>, neither read nor written yet.</summary>
    private ref Entry Add(Slot slot)
    {
        if (_count == _entries.Length)
        {
            Array.Resize(ref _entries, 2 * _count);
        }

        ref var entry = ref _entries[_count++];
        entry = new Entry { Slot = slot };
        return ref entry;
    }

    private static bool Matches(byte[] a, byte[] b) => ReferenceEquals(a, b) || a.AsSpan().SequenceEqual(b);

    /// <summary>A key this execution touched: the value it first read (when <see cref="Read"/>; not for a blind write) and its own write.</summary>
    internal struct Entry
    {
        public Slot Slot;

        /// <summary>Whether the execution read the key before writing it: only then does <see cref="Seen"/> need validating.</summary>
        public bool Read;

        public byte[]? Seen;

        public bool Written;

        public byte[]? Value;
    }
}
