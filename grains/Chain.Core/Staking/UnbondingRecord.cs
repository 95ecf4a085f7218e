using Chain.Protocol.Encoding;

namespace Chain.Core.Staking;

/// <summary>
/// A delegator's unbonding entries with one validator, oldest first, at most <see cref="MaxEntries"/>.
/// Each entry holds shares of the validator's unbonding pool, so a slash of the pool reaches it.
/// Encoding: <c>count u8 (1..7) | (shares u64 | completionHeight u64)*</c>, completion heights strictly ascending.
/// </summary>
public sealed record UnbondingRecord(IReadOnlyList<UnbondingEntry> Entries)
{
    public const int MaxEntries = 7;

    public static UnbondingRecord Empty { get; } = new([]);

    public byte[] Encode()
    {
        var w = new CanonicalWriter(1 + (Entries.Count * 16));
        w.WriteU8((byte)Entries.Count);
        foreach (var e in Entries)
        {
            w.WriteU64(e.Shares);
            w.WriteU64(e.CompletionHeight);
        }

        return w.ToArray();
    }

    public static UnbondingRecord Decode(ReadOnlySpan<byte> bytes)
    {
        var r = new CanonicalReader(bytes);
        var count = r.ReadU8();
        if (count is 0 or > MaxEntries)
        {
            throw new DecodeException($"an unbonding record holds 1..{MaxEntries} entries, got {count}");
        }

        var entries = new UnbondingEntry[count];
        for (var i = 0; i < count; i++)
        {
            entries[i] = new UnbondingEntry(r.ReadU64(), r.ReadU64());
            if (i > 0 && entries[i].CompletionHeight <= entries[i - 1].CompletionHeight)
            {
                throw new DecodeException("unbonding entries must complete at strictly ascending heights");
            }
        }

        r.EnsureEnd();
        return new UnbondingRecord(entries);
    }
}

/// <summary>Shares of a validator's unbonding pool that the delegator may withdraw from <see cref="CompletionHeight"/> on.</summary>
public sealed record UnbondingEntry(ulong Shares, ulong CompletionHeight);
