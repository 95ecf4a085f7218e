using Chain.Protocol.Transactions;

namespace Chain.Core.Admission;

/// <summary>The verdict of an admission check: a decoded transaction, or a typed error with a message for people.</summary>
public sealed record AdmissionCheck(SignedTransaction? Transaction, TxErrorCode Error, string Message)
{
    public bool IsAccepted => Error == TxErrorCode.None;

    public static AdmissionCheck Accept(SignedTransaction tx) => new(tx, TxErrorCode.None, "accepted");

    public static AdmissionCheck Reject(TxErrorCode code, string message) => new(null, code, message);
}
