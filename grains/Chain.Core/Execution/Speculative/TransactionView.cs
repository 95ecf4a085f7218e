using Chain.Core.State;
using Chain.Protocol.Crypto;
using Chain.Protocol.Proofs;

namespace Chain.Core.Execution.Speculative;

/// <summary>
/// One execution (incarnation) of one transaction over a <see cref="VersionedStore"/>: the first read of a key
/// records the version seen and later reads return it (a transaction never sees two versions of a key), writes stay
/// here until the committer applies them. The proposer's fee is deferred (<see cref="DeferredFee"/>) unless the
/// transaction touches the proposer's account otherwise: without that, every transaction would read and write the
/// proposer's account and conflict with every other one.
/// </summary>
internal sealed class TransactionView(VersionedStore store, Address proposer, byte[] proposerKey) : IStateView
{
    private readonly List<Entry> _entries = new(4);

    public TransactionOutcome Outcome { get; set; }

    /// <summary>The execution threw (a speculative one may have seen an inconsistent mix of versions).</summary>
    public bool Faulted { get; set; }

    /// <summary>A fee owed to the proposer that this transaction did not write into the proposer's account.</summary>
    public ulong? DeferredFee { get; private set; }

    /// <summary>Whether the transaction read or wrote the proposer's account itself.</summary>
    public bool TouchesProposer { get; private set; }

    /// <summary>The keys touched; a list (not an interface) so that the committer's loops do not allocate an enumerator.</summary>
    public List<Entry> Entries => _entries;

    /// <summary>Makes the versions this execution's writes will be published as, stamped with the transaction's index.</summary>
    public void SealWrites(int index)
    {
        foreach (var entry in _entries)
        {
            if (entry.Written)
            {
                entry.Version = new VersionedValue(entry.Value, index);
            }
        }
    }

    public byte[]? Get(byte[] key)
    {
        MaterializeFeeIfProposer(key);
        if (Find(key) is { } entry)
        {
            return entry.Written ? entry.Value : entry.Seen!.Value;
        }

        var slot = store.Slot(key);
        var seen = slot.Current;
        _entries.Add(new Entry(slot, seen));
        return seen.Value;
    }

    public void Set(byte[] key, byte[]? value)
    {
        MaterializeFeeIfProposer(key);
        var entry = Find(key);
        if (entry is null)
        {
            entry = new Entry(store.Slot(key), null);
            _entries.Add(entry);
        }

        entry.Written = true;
        entry.Value = value;
    }

    public void CreditFee(Address to, ulong fee)
    {
        if (to != proposer || Find(proposerKey) is not null)
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

    private Entry? Find(byte[] key)
    {
        foreach (var entry in _entries)
        {
            if (Matches(entry.Slot.Key, key))
            {
                return entry;
            }
        }

        return null;
    }

    private static bool Matches(byte[] a, byte[] b) => ReferenceEquals(a, b) || a.AsSpan().SequenceEqual(b);

    /// <summary>A key this execution touched: the version it first read (null for a blind write) and its own write.</summary>
    internal sealed class Entry(Slot slot, VersionedValue? seen)
    {
        public Slot Slot => slot;

        public VersionedValue? Seen => seen;

        public bool Written { get; set; }

        public byte[]? Value { get; set; }

        /// <summary>The version the commit publishes for this write, made by the executing thread so the serial commit does not allocate.</summary>
        public VersionedValue? Version { get; set; }
    }

    /// <summary>The key of <paramref name="proposer"/>'s account.</summary>
    public static byte[] ProposerKey(Address proposer) => StateKeys.Account(proposer);
}
