using Chain.Protocol.Crypto;
using Chain.Protocol.Encoding;
using Chain.Protocol.Genesis;

namespace Chain.Core.Staking;

/// <summary>
/// One validator's staking state. <see cref="Tokens"/> is the bonded pool, owned by <see cref="TotalShares"/>
/// delegation shares (the validator's own stake is an ordinary delegation from its address); rewards and
/// slashes change <see cref="Tokens"/> only, so every delegator gains or loses pro rata in O(1). Unbonding
/// stake sits in a second pool (<see cref="UnbondingTokens"/> owned by <see cref="UnbondingShares"/>) so a
/// slash reaches unbonding entries the same way. <see cref="MissedBitmap"/> holds one bit per height modulo
/// the downtime window (1 = missed) and <see cref="MissedCount"/> the number of set bits.
/// Encoding: <c>publicKey 32 | tokens u64 | totalShares u64 | unbondingTokens u64 | unbondingShares u64 |
/// flags u8 (1 jailed, 2 tombstoned) | jailedUntil u64 | missedCount u32 | missedBitmap bytes</c>.
/// Record equality compares the bitmap by reference: compare <see cref="Encode"/> outputs instead.
/// </summary>
public sealed record ValidatorRecord(
    PublicKey PublicKey,
    ulong Tokens,
    ulong TotalShares,
    ulong UnbondingTokens,
    ulong UnbondingShares,
    bool Jailed,
    bool Tombstoned,
    ulong JailedUntil,
    uint MissedCount,
    byte[] MissedBitmap)
{
    private const byte JailedFlag = 1;
    private const byte TombstonedFlag = 2;
    private const int MaxBitmapBytes = (int)(StakingParameters.MaxDowntimeWindow / 8);

    public static ValidatorRecord Create(PublicKey key) => new(key, 0, 0, 0, 0, false, false, 0, 0, []);

    /// <summary>Nothing is staked or unbonding with it, not even dust.</summary>
    public bool IsEmpty => Tokens == 0 && TotalShares == 0 && UnbondingTokens == 0 && UnbondingShares == 0;

    /// <summary>Jailed and tombstoned validators cannot be chosen; neither can one with no tokens.</summary>
    public bool MayBeChosen => !Jailed && !Tombstoned && Tokens > 0;

    /// <summary>The record with an empty downtime window sized for <paramref name="window"/> blocks.</summary>
    public ValidatorRecord WithFreshWindow(uint window) => this with { MissedCount = 0, MissedBitmap = new byte[BitmapBytes(window)] };

    public static int BitmapBytes(uint window) => (int)((window + 7) / 8);

    public byte[] Encode()
    {
        var w = new CanonicalWriter(96 + MissedBitmap.Length);
        w.WriteFixed(PublicKey.ToArray());
        w.WriteU64(Tokens);
        w.WriteU64(TotalShares);
        w.WriteU64(UnbondingTokens);
        w.WriteU64(UnbondingShares);
        w.WriteU8((byte)((Jailed ? JailedFlag : 0) | (Tombstoned ? TombstonedFlag : 0)));
        w.WriteU64(JailedUntil);
        w.WriteU32(MissedCount);
        w.WriteBytes(MissedBitmap);
        return w.ToArray();
    }

    public static ValidatorRecord Decode(ReadOnlySpan<byte> bytes)
    {
        var r = new CanonicalReader(bytes);
        var key = new PublicKey(r.ReadFixed(PublicKey.Size));
        var tokens = r.ReadU64();
        var shares = r.ReadU64();
        var unbondingTokens = r.ReadU64();
        var unbondingShares = r.ReadU64();
        var flags = r.ReadU8();
        if ((flags & ~(JailedFlag | TombstonedFlag)) != 0)
        {
            throw new DecodeException($"unknown validator flags {flags}");
        }

        var record = new ValidatorRecord(key, tokens, shares, unbondingTokens, unbondingShares,
            (flags & JailedFlag) != 0, (flags & TombstonedFlag) != 0, r.ReadU64(), r.ReadU32(), r.ReadBytes(MaxBitmapBytes).ToArray());
        r.EnsureEnd();
        return record;
    }
}
