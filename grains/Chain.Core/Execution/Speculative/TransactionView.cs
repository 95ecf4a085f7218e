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

    /// <summary>The entry of the proposer's account; -1 while the transaction has not touched it.</summary>
    private int _proposerEntry = -1;

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
        _proposerEntry = -1;
        Outcome = default;
        Faulted = false;
        DeferredFee = null;
        TouchesProposer = false;
    }

    public byte[]? Get(byte[] key)
    {
        var found = Touch(key, out var isProposer);
        if (found >= 0)
        {
            ref var entry = ref _entries[found];
            return entry.Written ? entry.Value : entry.Seen;
        }

        var slot = store.Slot(key);
        var seen = slot.Current;
        ref var added = ref Add(slot, isProposer);
        added.Read = true;
        added.Seen = seen;
        return seen;
    }

    public void Set(byte[] key, byte[]? value)
    {
        var found = Touch(key, out var isProposer);
        ref var entry = ref found >= 0 ? ref _entries[found] : ref Add(store.Slot(key), isProposer);
        entry.Written = true;
        entry.Value = value;
    }

    public void CreditFee(Address to, ulong fee)
    {
        if (to != proposer || _proposerEntry >= 0)
        {
            Credit(to, fee);
            return;
        }

        DeferredFee = checked((DeferredFee ?? 0) + fee);
    }

    /// <summary>
    /// The entry of <paramref name="key"/> (-1: none yet). When the key is the proposer's account, the transaction touches
    /// it: a deferred fee is written into it first. Only a key without an entry is compared with the proposer's.
    /// </summary>
    private int Touch(byte[] key, out bool isProposer)
    {
        var found = Find(key);
        isProposer = found >= 0 ? found == _proposerEntry : Matches(key, proposerKey);
        if (!isProposer)
        {
            return found;
        }

        TouchesProposer = true;
        if (DeferredFee is { } fee)
        {
            DeferredFee = null;
            Credit(proposer, fee);
            found = Find(key);
        }

        return found;
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
    private ref Entry Add(Slot slot, bool isProposer)
    {
        if (_count == _entries.Length)
        {
            Array.Resize(ref _entries, 2 * _count);
        }

        if (isProposer)
        {
            _proposerEntry = _count;
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
