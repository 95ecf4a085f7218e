using Chain.Protocol.Crypto;

namespace Chain.Core.State;

/// <summary>
/// What one transaction (or a staking step) executes against: reads that see this execution's own writes,
/// and writes that stay pending until the block's executor assembles the write set. <see cref="StateOverlay"/>
/// is the sequential view; the parallel executor gives each transaction its own view over a multi-version store.
/// </summary>
public interface IStateView : IStateReader
{
    /// <summary>Writes <paramref name="value"/> at <paramref name="key"/>; null deletes the key.</summary>
    void Set(byte[] key, byte[]? value);

    /// <summary>
    /// Adds a transaction fee to the proposer's balance (checked: an overflow throws). A view may defer the write,
    /// provided that every later read of the proposer's account, in this transaction or after it, sees the fee.
    /// </summary>
    void CreditFee(Address proposer, ulong fee);
}
