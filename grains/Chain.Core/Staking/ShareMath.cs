namespace Chain.Core.Staking;

/// <summary>
/// Integer conversions between tokens and pool shares: UInt128 intermediates, floor rounding unless named
/// otherwise, so a conversion never hands out more than the pool holds and rounding dust stays in the pool.
/// </summary>
internal static class ShareMath
{
    /// <summary>⌊a·b/c⌋, or null when c is 0 or the result does not fit 64 bits.</summary>
    public static ulong? MulDiv(ulong a, ulong b, ulong c)
    {
        if (c == 0)
        {
            return null;
        }

        var q = (UInt128)a * b / c;
        return q > ulong.MaxValue ? null : (ulong)q;
    }

    /// <summary>⌈a·b/c⌉, or null when c is 0 or the result does not fit 64 bits.</summary>
    public static ulong? MulDivCeiling(ulong a, ulong b, ulong c)
    {
        if (c == 0)
        {
            return null;
        }

        var q = (((UInt128)a * b) + c - 1) / c;
        return q > ulong.MaxValue ? null : (ulong)q;
    }

    /// <summary>⌊amount·bps/10 000⌋: never more than <paramref name="amount"/> for bps ≤ 10 000.</summary>
    public static ulong BasisPointsOf(ulong amount, uint bps) => (ulong)((UInt128)amount * bps / StakingLimits.BasisPoints);

    /// <summary>
    /// Shares to issue for <paramref name="amount"/> tokens joining a pool. An empty pool (no shares) issues one
    /// share per token, and any dust tokens it held join the new owner. Null when the price is undefined
    /// (shares but no tokens), the result is zero, or the pool's totals would overflow.
    /// </summary>
    public static ulong? SharesFor(ulong amount, ulong poolTokens, ulong poolShares)
    {
        if (ulong.MaxValue - poolTokens < amount)
        {
            return null;
        }

        if (poolShares == 0)
        {
            return amount;
        }

        var shares = MulDiv(amount, poolShares, poolTokens);
        return shares is null or 0 || ulong.MaxValue - poolShares < shares ? null : shares;
    }

    /// <summary>The tokens <paramref name="shares"/> (at most <paramref name="poolShares"/>) are worth: ⌊shares·tokens/totalShares⌋.</summary>
    public static ulong TokensFor(ulong shares, ulong poolTokens, ulong poolShares) =>
        poolShares == 0 ? 0 : (ulong)((UInt128)shares * poolTokens / poolShares);

    /// <summary><paramref name="height"/> + <paramref name="blocks"/>, saturating at the largest height.</summary>
    public static ulong HeightAfter(ulong height, ulong blocks) => ulong.MaxValue - height < blocks ? ulong.MaxValue : height + blocks;
}
