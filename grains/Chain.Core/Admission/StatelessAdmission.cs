using Chain.Core.Execution;
using Chain.Protocol;
using Chain.Protocol.Encoding;
using Chain.Protocol.Transactions;

namespace Chain.Core.Admission;

/// <summary>
/// Checks that need no state, cheapest first: size, canonical decoding, chain id, payload sanity
/// (<see cref="PayloadRules"/>: positive amounts, no overflow, equivocation evidence that checks), then one
/// Ed25519 verification. Cost is bounded by <see cref="ProtocolLimits.MaxTransactionBytes"/> and at most
/// three signature checks.
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

        var (payloadError, payloadMessage) = PayloadRules.Check(body, chainId);
        if (payloadError != TxErrorCode.None)
        {
            return AdmissionCheck.Reject(payloadError, payloadMessage!);
        }

        return tx.HasValidSignature()
            ? AdmissionCheck.Accept(tx)
            : AdmissionCheck.Reject(TxErrorCode.InvalidSignature, "signature does not verify against the sender key");
    }
}
