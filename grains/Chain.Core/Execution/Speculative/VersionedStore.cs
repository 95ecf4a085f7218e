using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Numerics;
using Chain.Core.State;
using Chain.Protocol.Crypto;
using Chain.Protocol.Proofs;

namespace Chain.Core.Execution.Speculative;

/// <summary>
/// The multi-version store of the parallel transaction phase: one <see cref="Slot"/> per key touched, holding the
/// latest committed value. Only the committing thread publishes values, always in transaction order, so a slot's
/// value is the one that sequential execution holds after the transactions committed so far. Speculative executions read slots
/// concurrently and record the exact value reference they saw; validation compares references (see <see cref="Slot"/>).
/// <para>Slots live in a lock-free open-addressing table sized for the block: a key's slot is at the first
/// position of its probe sequence that holds it or held nothing; threads that race for an empty position settle it
/// with one compare-and-swap, and the loser takes the winner's slot. Positions are never emptied, so every thread
/// sees the same probe sequence for a key. A key whose first <see cref="MaxProbes"/> positions hold other keys
/// goes to an overflow dictionary; that too is the same for every thread, since full positions stay full.</para>
/// </summary>
internal sealed class VersionedStore : IDisposable
{
    private const int MaxProbes = 32;
    private const int MinCapacity = 64;
    private const int MaxCapacity = 1 << 16;

    private readonly IStateReader _beforeTransactions;
    private readonly Slot?[] _table;
    private readonly int _mask;
    private ConcurrentDictionary<byte[], Slot>? _overflow;

    /// <param name="beforeTransactions">The state after the begin step; must allow concurrent reads.</param>
    /// <param name="expectedKeys">About how many keys the block touches; only the table's size depends on it.</param>
    public VersionedStore(IStateReader beforeTransactions, int expectedKeys)
    {
        _beforeTransactions = beforeTransactions;
        var capacity = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Clamp(2 * expectedKeys, MinCapacity, MaxCapacity));
        // Already empty: a new array is, and this store (the pool's only user for Slot) returns its table cleared.
        _table = ArrayPool<Slot?>.Shared.Rent(capacity);
        _mask = capacity - 1;
    }

    /// <summary>The slot of <paramref name="key"/>, its base version loaded.</summary>
    public Slot Slot(byte[] key) => Find(key, key);

    /// <summary>The slot of <paramref name="address"/>'s account (<see cref="StateKeys.Account"/>); the key is allocated only for a new slot.</summary>
    public Slot AccountSlot(Address address)
    {
        Span<byte> key = stackalloc byte[1 + Address.Size];
        key[0] = StateKeys.AccountSpace;
        address.CopyTo(key[1..]);
        return Find(key, null);
    }

    /// <param name="key">The key.</param>
    /// <param name="array">The key as an array the slot may keep, or null to copy it when a slot is made.</param>
    private Slot Find(ReadOnlySpan<byte> key, byte[]? array)
    {
        var hash = HashOf(key);
        var position = hash & _mask;
        for (var probe = 0; probe < MaxProbes; probe++)
        {
            var slot = Volatile.Read(ref _table[position]);
            if (slot is null)
            {
                var created = new Slot(array ??= key.ToArray(), hash);
                slot = Interlocked.CompareExchange(ref _table[position], created, null) ?? created;
            }

            if (slot.Hash == hash && slot.Key.AsSpan().SequenceEqual(key))
            {
                slot.EnsureLoaded(_beforeTransactions);
                return slot;
            }

            position = (position + 1) & _mask;
        }

        var overflow = Volatile.Read(ref _overflow)
            ?? Interlocked.CompareExchange(ref _overflow, new ConcurrentDictionary<byte[], Slot>(ByteArrayComparer.Instance), null)
            ?? _overflow!;
        var spilled = overflow.GetOrAdd(array ?? key.ToArray(), static (k, h) => new Slot(k, h), hash);
        spilled.EnsureLoaded(_beforeTransactions);
        return spilled;
    }

    /// <summary>
    /// The table's hash of a key: whole 8-byte words mixed with a multiply (an account key is three reads), where
    /// <see cref="HashCode.AddBytes"/> mixes every 4 bytes and every trailing byte separately. Only where a slot sits
    /// depends on it; keys that collide on purpose (contract storage) cost probes, and past <see cref="MaxProbes"/>
    /// the overflow dictionary, whose hash is the process-randomized one.
    /// </summary>
    private static int HashOf(ReadOnlySpan<byte> key)
    {
        unchecked
        {
            const ulong Multiplier = 0x9E3779B97F4A7C15;
            var hash = (ulong)key.Length * Multiplier;
            if (key.Length >= sizeof(ulong))
            {
                var i = 0;
                for (; i + sizeof(ulong) < key.Length; i += sizeof(ulong))
                {
                    hash = BitOperations.RotateLeft((hash ^ BinaryPrimitives.ReadUInt64LittleEndian(key[i..])) * Multiplier, 29);
                }

                // The last word ends at the key's end (it may overlap the one before).
                hash = BitOperations.RotateLeft((hash ^ BinaryPrimitives.ReadUInt64LittleEndian(key[^sizeof(ulong)..])) * Multiplier, 29);
            }
            else
            {
                foreach (var b in key)
                {
                    hash = BitOperations.RotateLeft((hash ^ b) * Multiplier, 29);
                }
            }

            hash ^= hash >> 33;
            hash *= 0xFF51AFD7ED558CCD;
            hash ^= hash >> 33;
            return (int)hash;
        }
    }

    /// <summary>Returns the table to the pool; only once every thread is done with the store.</summary>
    public void Dispose() => ArrayPool<Slot?>.Shared.Return(_table, clearArray: true);
}

/// <summary>
/// A key's latest committed value. The value's reference is its version: every write stores a new array (values are
/// never changed in place), so a reader that saw reference X and finds X still current saw the current value, and
/// a reader that saw null (absent) and finds null saw the current value too. Validation by reference is therefore
/// validation by value, which is what makes a speculative execution equal to a sequential one; no version object is
/// allocated per write. <see cref="Written"/> is read and set by the committing thread only (speculative path), or by the
/// transaction that holds the key and then the caller (scheduled path, <see cref="ScheduledTransferExecutor"/>).
/// </summary>
internal sealed class Slot(byte[] key, int hash)
{
    /// <summary>Marks a slot whose base value is not loaded yet; never a value.</summary>
    private static readonly byte[] Unloaded = new byte[1];

    private byte[]? _current = Unloaded;
    private int _finished = -1;

    // The scheduled path's account, held decoded while the block runs (its transactions on this slot follow one another,
    // each after the previous one's Finished; that write publishes these too). Current is stale while it is held.
    private ulong _balance;
    private ulong _nonce;
    private bool _accountHeld;

    public byte[] Key => key;

    public int Hash => hash;

    /// <summary>The key's sort prefix (<see cref="KeyOrder"/>), taken by the thread that made the slot, for sorting the write set.</summary>
    public ulong Prefix { get; } = KeyOrder.Prefix(key);

    /// <summary>The scheduled path's link step: the last transaction, in block order, that touches this key (-1: none yet).</summary>
    public int LastToucher { get; set; } = -1;

    /// <summary>The scheduled path: the transaction that finished with this key last (-1: none); set after its writes are published.</summary>
    public int Finished
    {
        get => Volatile.Read(ref _finished);
        set => Volatile.Write(ref _finished, value);
    }

    /// <summary>Whether a transaction wrote this key (it then belongs to the block's write set).</summary>
    public bool Written { get; set; }

    /// <summary>The committed value (null: absent); its reference is the version that validation compares.</summary>
    public byte[]? Current
    {
        get
        {
            var current = Volatile.Read(ref _current);
            return ReferenceEquals(current, Unloaded) ? throw new InvalidOperationException("slot read before it was loaded") : current;
        }
    }

    public void EnsureLoaded(IStateReader beforeTransactions)
    {
        if (ReferenceEquals(Volatile.Read(ref _current), Unloaded))
        {
            // Two threads may both read the base value; it is the same value, and the first to publish wins.
            Interlocked.CompareExchange(ref _current, beforeTransactions.Get(key), Unloaded);
        }
    }

    /// <summary>Commits <paramref name="value"/>: a new array (or null), never one published before with other contents.</summary>
    public void Publish(byte[]? value)
    {
        _accountHeld = false;
        Volatile.Write(ref _current, value);
    }

    /// <summary>The scheduled path: the account this slot holds (decoded from <see cref="Current"/> unless a transaction wrote it).</summary>
    public AccountState ReadAccount()
    {
        if (_accountHeld)
        {
            return new AccountState(_balance, _nonce);
        }

        return Current is { } bytes ? AccountState.Decode(bytes) : AccountState.Empty;
    }

    /// <summary>The scheduled path: holds <paramref name="account"/> as this slot's value, to be encoded by <see cref="PublishAccount"/>.</summary>
    public void WriteAccount(AccountState account)
    {
        _balance = account.Balance;
        _nonce = account.Nonce;
        _accountHeld = true;
    }

    /// <summary>Encodes the account held, if any, as <see cref="Current"/> (the value the write set takes).</summary>
    public void PublishAccount()
    {
        if (_accountHeld)
        {
            Publish(AccountStore.Encode(new AccountState(_balance, _nonce)));
        }
    }
}
