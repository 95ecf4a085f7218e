using Chain.Protocol.Transactions;
using Delegate = Chain.Protocol.Transactions.Delegate;

namespace Chain.Tests.Unit.Protocol.Vectors;

internal static partial class VectorFixtures
{
    /// <summary>Seed 0x04 bonds 2000 units as self-stake, nonce 0, fee 5.</summary>
    public static SignedTransaction BondTransaction() => Signed(4, nonce: 0, fee: 5, new Bond(2_000));

    /// <summary>Seed 0x03 delegates 500 units to seed 0x01's validator, nonce 8, fee 2.</summary>
    public static SignedTransaction DelegateTransaction() => Signed(3, nonce: 8, fee: 2, new Delegate(AddressOf(1), 500));

    /// <summary>Seed 0x03 starts unbonding 200 units from seed 0x01's validator, nonce 9, fee 2.</summary>
    public static SignedTransaction UnbondTransaction() => Signed(3, nonce: 9, fee: 2, new Unbond(AddressOf(1), 200));

    /// <summary>Seed 0x03 withdraws its matured unbonding entries with seed 0x01's validator, nonce 10, fee 2.</summary>
    public static SignedTransaction WithdrawTransaction() => Signed(3, nonce: 10, fee: 2, new Withdraw(AddressOf(1)));

    /// <summary>Seed 0x02 reports seed 0x01's double prevote, nonce 1, fee 3.</summary>
    public static SignedTransaction ReportEquivocationTransaction() => Signed(2, nonce: 1, fee: 3, new ReportEquivocation(DoublePrevote()));

    /// <summary>Seed 0x01 asks to be unjailed, nonce 0, fee 1.</summary>
    public static SignedTransaction UnjailTransaction() => Signed(1, nonce: 0, fee: 1, new Unjail());

    private static SignedTransaction Signed(byte seed, ulong nonce, ulong fee, TransactionPayload payload)
    {
        using var key = Key(seed);
        return new Transaction(ChainId, nonce, key.PublicKey, fee, payload).Sign(key);
    }
}
