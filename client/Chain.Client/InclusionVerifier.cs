using Chain.GrainInterfaces;
using Chain.Protocol;
using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;
using Chain.Protocol.Proofs;
using Chain.Protocol.Transactions;

namespace Chain.Client;

/// <summary>
/// Checks a node's claim that a transaction is final: the transaction and receipt it sent are for the
/// hash asked about, and the RFC 6962 audit path puts that hash at the claimed index under the
/// header's transactions root. Pure: no I/O.
/// </summary>
public static class InclusionVerifier
{
    public static TransactionOutcome Verify(Hash32 transactionHash, TransactionResult result)
    {
        if (!result.TransactionHash.AsSpan().SequenceEqual(transactionHash.ToArray()))
        {
            throw ChainClientException.Verification("the node answered for another transaction");
        }

        if (result.Status != TransactionStatus.Final)
        {
            return new TransactionOutcome(transactionHash, result.Status, null);
        }

        if (result.Transaction is null || result.Receipt is null || result.Header is null || result.AuditPath is null)
        {
            throw ChainClientException.Verification("the node reports the transaction final but sent no inclusion proof");
        }

        var transaction = NodeBytes.Decode("transaction", result.Transaction, SignedTransaction.Decode);
        var receipt = NodeBytes.Decode("receipt", result.Receipt, Receipt.Decode);
        var header = NodeBytes.Decode("header", result.Header, BlockHeader.Decode);

        if (transaction.Hash != transactionHash)
        {
            throw ChainClientException.Verification("the transaction the node sent has another hash");
        }

        if (receipt.TransactionHash != transactionHash)
        {
            throw ChainClientException.Verification("the receipt the node sent is for another transaction");
        }

        if (header.Height != result.Height)
        {
            throw ChainClientException.Verification($"the header is for height {header.Height}, but the node claimed height {result.Height}");
        }

        var path = AuditPath(result.AuditPath);
        if (!BinaryMerkle.VerifyInclusion(header.TransactionsRoot, transactionHash.ToArray(), result.Index, header.TransactionCount, path))
        {
            throw ChainClientException.Verification(
                $"the audit path does not place the transaction at index {result.Index} of block {header.Height}'s transactions root");
        }

        return new TransactionOutcome(transactionHash, TransactionStatus.Final, new TransactionInclusion(transaction, receipt, header, result.Index)
        {
            Legs = Legs(transaction, result.Legs),
        });
    }

    private static Hash32[] AuditPath(byte[] bytes)
    {
        if (bytes.Length % Hash32.Size != 0 || bytes.Length / Hash32.Size > ProtocolLimits.MaxAuditPath)
        {
            throw ChainClientException.Verification($"the audit path is {bytes.Length} bytes, not up to {ProtocolLimits.MaxAuditPath} 32-byte hashes");
        }

        var path = new Hash32[bytes.Length / Hash32.Size];
        for (var i = 0; i < path.Length; i++)
        {
            path[i] = new Hash32(bytes.AsSpan(i * Hash32.Size, Hash32.Size));
        }

        return path;
    }

    /// <summary>Decodes the legs and checks each receipt is this transfer's (origin, and the sender and recipient on the right side).</summary>
    private static List<TransferLeg> Legs(SignedTransaction transaction, CrossShardLeg[]? legs)
    {
        var result = new List<TransferLeg>();
        foreach (var leg in legs ?? [])
        {
            var receipt = NodeBytes.Decode("cross-shard receipt", leg.Receipt, Protocol.Sharding.ShardReceipt.Decode);
            if (leg.Kind is CrossShardLegKind.CallSent or CrossShardLegKind.CallExecuted or CrossShardLegKind.CallbackRan)
            {
                // A call's receipts name contracts (the caller may be one the transaction's contract called), so the origin and the
                // receipt's kind are what tie the leg to this transaction.
                var expected = leg.Kind == CrossShardLegKind.CallSent ? Protocol.Sharding.ShardReceiptKind.Call : Protocol.Sharding.ShardReceiptKind.Callback;
                if (transaction.Body.Payload is not Call || receipt.Origin != transaction.Hash || receipt.Kind != expected)
                {
                    throw ChainClientException.Verification($"the node's {leg.Kind} leg at height {leg.Height} is not this call's receipt");
                }

                result.Add(new TransferLeg(leg.Kind, leg.Height, receipt));
                continue;
            }

            var forward = leg.Kind is CrossShardLegKind.Sent or CrossShardLegKind.Credited or CrossShardLegKind.Bounced;
            var sender = transaction.Body.SenderAddress;
            var recipient = transaction.Body.Payload is Transfer t ? t.To : default;
            var (from, to) = forward ? (sender, recipient) : (recipient, sender);
            if (receipt.Origin != transaction.Hash || receipt.From != from || receipt.To != to)
            {
                throw ChainClientException.Verification($"the node's {leg.Kind} leg at height {leg.Height} is not this transfer's receipt");
            }

            result.Add(new TransferLeg(leg.Kind, leg.Height, receipt));
        }

        return result;
    }
}
