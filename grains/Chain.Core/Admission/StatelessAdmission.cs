using Chain.Protocol;
using Chain.Protocol.Encoding;
using Chain.Protocol.Transactions;

namespace Chain.Core.Admission;

/// <summary>
/// Checks that need no state, cheapest first: size, canonical decoding, chain id, payload sanity,
/// then one Ed25519 verification. Cost is bounded by <see cref="ProtocolLimits.MaxTransactionBytes"/>.
/// Safe to run on many threads at once.
/// </summary>
public static class StatelessAdmission
{
    public static AdmissionCheck Check(ReadOnlySpan<byte> raw, string chainId)
    {
        if (raw.Length > ProtocolLimits.MaxTransactionBytes)
        {
            return AdmissionCheck.Reject(TxErrorCode.TooLarge,
                $"transaction is {raw.Length} bytes; the limit is {ProtocolLimits.MaxTransactionBytes}");
        }

        SignedTransaction tx;
        try
        {
            tx = SignedTransaction.Decode(raw);
        }
        catch (DecodeException e)
        {
            return AdmissionCheck.Reject(TxErrorCode.Malformed, $"not a valid signed transaction: {e.Message}");
        }

        var body = tx.Body;
        if (!string.Equals(body.ChainId, chainId, StringComparison.Ordinal))
        {
            return AdmissionCheck.Reject(TxErrorCode.WrongChainId,
                $"transaction is for chain '{body.ChainId}', this is '{chainId}'; sign it with --chain-id {chainId}");
        }

        if (body.Payload is Transfer transfer)
        {
            if (transfer.Amount == 0 || transfer.To == body.SenderAddress)
            {
                return AdmissionCheck.Reject(TxErrorCode.InvalidTransfer, "a transfer must move a positive amount to another account");
            }

            if (ulong.MaxValue - transfer.Amount < body.Fee)
            {
                return AdmissionCheck.Reject(TxErrorCode.AmountOverflow, "amount plus fee does not fit in 64 bits");
            }
        }

        return tx.HasValidSignature()
            ? AdmissionCheck.Accept(tx)
            : AdmissionCheck.Reject(TxErrorCode.InvalidSignature, "signature does not verify against the sender key");
    }
}
