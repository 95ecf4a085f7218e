using Chain.Protocol.Transactions;

namespace Chain.Client;

/// <summary>
/// A failure of a <see cref="ChainClient"/> call. <see cref="Exception.Message"/> says what happened and what
/// to do about it; <see cref="Kind"/> lets callers branch without parsing text.
/// </summary>
public sealed class ChainClientException : Exception
{
    public ChainClientException(ChainClientErrorKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
    }

    public ChainClientException(TxErrorCode txError, string message)
        : base(message)
    {
        Kind = ChainClientErrorKind.Rejected;
        TxError = txError;
    }

    public ChainClientErrorKind Kind { get; }

    /// <summary>Why the chain refused the transaction, when <see cref="Kind"/> is <see cref="ChainClientErrorKind.Rejected"/>.</summary>
    public TxErrorCode? TxError { get; }

    internal static ChainClientException Verification(string what) =>
        new(ChainClientErrorKind.VerificationFailed, $"verification failed: {what}");
}
