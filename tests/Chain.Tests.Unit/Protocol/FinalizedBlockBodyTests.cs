using Chain.Protocol.Blocks;
using Chain.Protocol.Transactions;
using Chain.Tests.Unit.Protocol.Vectors;

namespace Chain.Tests.Unit.Protocol;

/// <summary>Once a header is trusted, its body is trusted only if counts, both roots and receipt order match it.</summary>
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

    private static Receipt Ok(SignedTransaction tx) => VectorFixtures.SuccessReceipt(tx);

    private static FinalizedBlock BlockFor(SignedTransaction[] txs, Receipt[] receipts)
    {
        var header = VectorFixtures.Block1() with
        {
            TransactionsRoot = FinalizedBlock.TransactionsRoot(txs),
            ReceiptsRoot = FinalizedBlock.ReceiptsRoot(receipts),
            TransactionCount = (uint)txs.Length,
        };
        return new FinalizedBlock(header, VectorFixtures.Certify(header, 0, VectorFixtures.SingleValidatorSet(), 1), null, txs, receipts);
    }
}
