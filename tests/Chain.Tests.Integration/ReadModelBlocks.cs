using Chain.Grains.Events;
using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;
using Chain.Protocol.Sharding;
using Chain.Protocol.Transactions;

namespace Chain.Tests.Integration;

/// <summary>
/// Real signed transactions in real finalized blocks, encoded as the shard grain appends them (a ChunkCommitted per
/// block). Receipts are whatever the test says: the projection reads them, it does not re-execute.
/// </summary>
internal static class ReadModelBlocks
{
    public const string ChainId = "read-model-test";

    public static SignedTransaction Transfer(KeyPair sender, ulong nonce, Address to) =>
        new Transaction(ChainId, nonce, sender.PublicKey, 10, new Transfer(to, 5)).Sign(sender);

    public static SignedTransaction Call(KeyPair sender, ulong nonce, Address contract) =>
        new Transaction(ChainId, nonce, sender.PublicKey, 10, new Call(contract, "go", [], 0, 100_000)).Sign(sender);

    /// <summary>A successful receipt: 41 bytes, or with a contract section carrying <paramref name="events"/> for a contract payload.</summary>
    public static Receipt Receipt(SignedTransaction tx, ReceiptStatus status = ReceiptStatus.Success, params ContractEvent[] events) =>
        new(tx.Hash, status, 7, tx.Body.Payload is IContractPayload ? new ContractOutcome(100, [], [], events) : null);

    public static FinalizedBlock Block(ulong height, IReadOnlyList<SignedTransaction> txs, IReadOnlyList<Receipt> receipts, Address proposer)
    {
        var header = new BlockHeader(
            ChainId,
            height,
            Hash32.Zero,
            1_700_000_000_000 + (long)height,
            FinalizedBlock.TransactionsRoot(txs),
            FinalizedBlock.ReceiptsRoot(receipts),
            Hashing.Sha256(BitConverter.GetBytes(height)),
            Hash32.Zero,
            Hash32.Zero,
            Hash32.Zero,
            proposer,
            (uint)txs.Count);
        // One chunk, as an unsharded chain's blocks carry (a block decodes only with 1..64).
        return new FinalizedBlock(header, new QuorumCertificate(height, 0, header.Hash(), []), null, txs, receipts) { Chunks = ChunkLayout.Headers(1, txs, [], []) };
    }

    /// <summary>The block as a shard stream event.</summary>
    public static byte[] Committed(FinalizedBlock block) =>
        ShardEventCodec.Encode(new ChunkCommitted(
            block.Header.Height,
            block.Header.Hash().ToArray(),
            block.Header.TimeUnixMs,
            block.Header.StateRoot.ToArray(),
            block.Encode(),
            ShardEventCodec.EncodeChanges([])));
}
