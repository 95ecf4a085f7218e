using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;
using Chain.Protocol.Sharding;
using Chain.Protocol.Transactions;

namespace Chain.Tests.Unit.Storage;

/// <summary>Well-formed finalized blocks for storage tests: signed transfers, matching receipts, roots and chunk headers
/// (one shard), and a certificate over the header (without signatures; storage does not verify them).</summary>
internal static class TestBlocks
{
    public const string ChainId = "storage-test";

    public static FinalizedBlock At(ulong height, int transactions = 2, Hash32 previous = default)
    {
        using var sender = KeyPair.Generate();
        using var recipient = KeyPair.Generate();
        var txs = Enumerable.Range(0, transactions)
            .Select(i => new Transaction(ChainId, (ulong)i, sender.PublicKey, 10, new Transfer(recipient.Address, 5)).Sign(sender))
            .ToList();
        var receipts = txs.Select(tx => new Receipt(tx.Hash, ReceiptStatus.Success, 10)).ToList();
        var chunks = ChunkLayout.Headers(1, txs, [], []);
        var header = new BlockHeader(
            ChainId,
            height,
            previous,
            1_700_000_000_000 + (long)height,
            FinalizedBlock.TransactionsRoot(txs),
            FinalizedBlock.ReceiptsRoot(receipts),
            Hashing.Sha256(BitConverter.GetBytes(height)),
            Hash32.Zero,
            Hash32.Zero,
            Hash32.Zero,
            sender.Address,
            (uint)txs.Count,
            ChunkHeader.Root(chunks));
        return new FinalizedBlock(header, new QuorumCertificate(height, 0, header.Hash(), []), null, txs, receipts) { Chunks = chunks };
    }

    /// <summary>Blocks <paramref name="from"/>..<paramref name="from"/>+<paramref name="count"/>-1, each linked to the previous.</summary>
    public static List<FinalizedBlock> Chain(ulong from, int count)
    {
        var blocks = new List<FinalizedBlock>();
        var previous = Hash32.Zero;
        for (var i = 0; i < count; i++)
        {
            var block = At(from + (ulong)i, transactions: i % 3, previous);
            blocks.Add(block);
            previous = block.Header.Hash();
        }

        return blocks;
    }
}
