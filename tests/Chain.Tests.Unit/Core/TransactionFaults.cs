using Chain.Protocol.Crypto;
using Chain.Protocol.Transactions;
using CsCheck;

namespace Chain.Tests.Unit.Core;

/// <summary>What the execution property tests' workloads break in a transaction.</summary>
internal enum TransactionFault
{
    None,
    BadNonce,
    WrongChain,
    ZeroAmount,
    BadSignature,
}

/// <summary>The faults' generator and how each one shows in the transaction built from an op.</summary>
internal static class TransactionFaults
{
    /// <summary>No fault in <paramref name="healthy"/> of every <paramref name="healthy"/> + 4 draws, else one of the four, equally.</summary>
    public static Gen<TransactionFault> Gen(int healthy) => CsCheck.Gen.Frequency(
        (healthy, CsCheck.Gen.Const(TransactionFault.None)),
        (1, CsCheck.Gen.Const(TransactionFault.BadNonce)),
        (1, CsCheck.Gen.Const(TransactionFault.WrongChain)),
        (1, CsCheck.Gen.Const(TransactionFault.ZeroAmount)),
        (1, CsCheck.Gen.Const(TransactionFault.BadSignature)));

    /// <summary>Whether the transaction takes the sender's next nonce: not when its nonce is wrong, nor when it is for another chain.</summary>
    public static bool UsesNonce(this TransactionFault fault) => fault is not (TransactionFault.BadNonce or TransactionFault.WrongChain);

    public static string ChainId(this TransactionFault fault) => fault == TransactionFault.WrongChain ? "other-chain" : TestChain.Id;

    public static ulong Amount(this TransactionFault fault, ulong amount) => fault == TransactionFault.ZeroAmount ? 0 : amount;

    /// <summary>Signs with <paramref name="key"/>; a bad signature is a valid signature of the body by <paramref name="other"/>.</summary>
    public static SignedTransaction Sign(this TransactionFault fault, Transaction body, KeyPair key, KeyPair other) =>
        fault == TransactionFault.BadSignature ? new SignedTransaction(body, other.Sign(body.SigningBytes())) : body.Sign(key);
}
