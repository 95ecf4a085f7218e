using Chain.Protocol.Blocks;
using Chain.Protocol.Sharding;
using Chain.Protocol.Transactions;
using Chain.Tests.Unit.Protocol.Vectors;

namespace Chain.Tests.Unit.Protocol;

/// <summary>Once a header is trusted, its body is trusted only if counts, both roots, receipt order and chunk headers match it.</summary>
public sealed class FinalizedBlockBodyTests
{
    private static readonly SignedTransaction First = VectorFixtures.TransferWithoutMemo();
    private static readonly SignedTransaction Second = VectorFixtures.TransferWithMemo();

    [Fact]
    public void A_body_built_for_its_header_passes()
    {
        Assert.Null(BlockFor([First, Second], [Ok(First), Ok(Second)]).CheckBody());
        Assert.Null(BlockFor([], []).CheckBody());
    }

    [Fact]
    public void A_transaction_count_different_from_the_header_fails()
    {
        var block = BlockFor([First, Second], [Ok(First), Ok(Second)]);
        var wrongCount = block with { Header = block.Header with { TransactionCount = 3 } };
        Assert.Contains("counts", wrongCount.CheckBody(), StringComparison.Ordinal);
    }

    [Fact]
    public void Fewer_receipts_than_transactions_fails()
    {
        var block = BlockFor([First, Second], [Ok(First), Ok(Second)]);
        Assert.Contains("counts", (block with { Receipts = [Ok(First)] }).CheckBody(), StringComparison.Ordinal);
    }

    [Fact]
    public void Transactions_in_another_order_fail_the_transactions_root()
    {
        var block = BlockFor([First, Second], [Ok(First), Ok(Second)]);
        var swapped = block with { Transactions = [Second, First] };
        Assert.Contains("transactions root", swapped.CheckBody(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_changed_receipt_fails_the_receipts_root()
    {
        var block = BlockFor([First], [Ok(First)]);
        var changed = block with { Receipts = [Ok(First) with { Status = ReceiptStatus.InsufficientBalance }] };
        Assert.Contains("receipts root", changed.CheckBody(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_receipt_for_another_transaction_fails_even_when_the_roots_commit_to_it()
    {
        var block = BlockFor([First, Second], [Ok(Second), Ok(First)]);
        Assert.Equal(FinalizedBlock.ReceiptsRoot(block.Receipts), block.Header.ReceiptsRoot);
        Assert.Equal("receipt 0 is for another transaction", block.CheckBody());
    }

    [Fact]
    public void A_body_without_chunk_headers_or_with_other_ones_fails_the_chunks_root()
    {
        var block = BlockFor([First], [Ok(First)]);
        Assert.Contains("chunks root", (block with { Chunks = [] }).CheckBody(), StringComparison.Ordinal);
        var changed = block.Chunks[0] with { TransactionCount = 2 };
        Assert.Contains("chunks root", (block with { Chunks = [changed] }).CheckBody(), StringComparison.Ordinal);
    }

    [Fact]
    public void Chunk_headers_the_header_commits_to_but_the_body_does_not_match_fail()
    {
        // The header commits to chunks of an empty body; the body holds a transaction (roots and counts otherwise right).
        var block = BlockFor([First], [Ok(First)]);
        var empty = ChunkLayout.Headers(1, [], [], []);
        var forged = block with { Header = block.Header with { ChunksRoot = ChunkHeader.Root(empty) }, Chunks = empty };
        Assert.Equal("the body does not match its chunk headers", forged.CheckBody());
    }

    [Fact]
    public void A_sharded_body_passes_and_moving_an_outgoing_receipt_between_lists_fails()
    {
        var receipt = new ShardReceipt(ShardReceiptKind.Credit, 1, 0, 0, 1, First.Hash, First.Body.SenderAddress, VectorFixtures.AddressOf(3), 1000);
        var block = BlockFor([First], [Ok(First)], shards: 2, outgoing: [receipt]);
        Assert.Null(block.CheckBody());
        Assert.Equal("the body does not match its chunk headers", (block with { Outgoing = [] }).CheckBody());
        var elsewhere = receipt with { Source = 0, Destination = 1 };
        Assert.Equal("the body does not match its chunk headers", (block with { Outgoing = [elsewhere] }).CheckBody());
    }

    [Fact]
    public void Receipts_of_a_shard_the_chunks_do_not_cover_or_out_of_shard_order_fail()
    {
        var to1 = Credit(source: 0, destination: 1, sequence: 0);
        var to2 = Credit(source: 0, destination: 2, sequence: 0);
        var block = BlockFor([], [], shards: 3, incoming: [Proved(to1), Proved(to2)]);
        Assert.Null(block.CheckBody());

        // Swapping the two leaves every chunk root unchanged: only the order rule catches it.
        Assert.Contains("ascending", (block with { Incoming = [block.Incoming[1], block.Incoming[0]] }).CheckBody(), StringComparison.Ordinal);
        var beyond = Proved(Credit(source: 0, destination: 3, sequence: 0));
        Assert.Contains("ascending", (block with { Incoming = [.. block.Incoming, beyond] }).CheckBody(), StringComparison.Ordinal);

        var out1 = Credit(source: 1, destination: 0, sequence: 0);
        var out2 = Credit(source: 2, destination: 0, sequence: 0);
        var sending = BlockFor([], [], shards: 3, outgoing: [out1, out2]);
        Assert.Null(sending.CheckBody());
        Assert.Contains("(source, destination, channel, sequence)", (sending with { Outgoing = [out2, out1] }).CheckBody(), StringComparison.Ordinal);
        Assert.Contains("(source, destination, channel, sequence)", (sending with { Outgoing = [.. sending.Outgoing, out1 with { Source = 3 }] }).CheckBody(), StringComparison.Ordinal);
    }

    private static Receipt Ok(SignedTransaction tx) => VectorFixtures.SuccessReceipt(tx);

    private static ShardReceipt Credit(ushort source, ushort destination, ulong sequence) =>
        new(ShardReceiptKind.Credit, source, destination, sequence, 1, First.Hash, VectorFixtures.AddressOf(2), VectorFixtures.AddressOf(3), 5);

    private static IncomingReceipt Proved(ShardReceipt receipt) => IncomingReceipt.ProveAll([receipt])[0];

    private static FinalizedBlock BlockFor(
        SignedTransaction[] txs, Receipt[] receipts, ushort shards = 1, IncomingReceipt[]? incoming = null, ShardReceipt[]? outgoing = null)
    {
        var chunks = ChunkLayout.Headers(shards, txs, incoming ?? [], outgoing ?? []);
        var header = VectorFixtures.Block1() with
        {
            TransactionsRoot = FinalizedBlock.TransactionsRoot(txs),
            ReceiptsRoot = FinalizedBlock.ReceiptsRoot(receipts),
            TransactionCount = (uint)txs.Length,
            ChunksRoot = ChunkHeader.Root(chunks),
        };
        return new FinalizedBlock(header, VectorFixtures.Certify(header, 0, VectorFixtures.SingleValidatorSet(), 1), null, txs, receipts)
        {
            Incoming = incoming ?? [],
            Outgoing = outgoing ?? [],
            Chunks = chunks,
        };
    }
}
