using Chain.Client;
using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;
using Chain.Protocol.Sharding;
using Chain.Protocol.Transactions;

namespace Chain.Tests.Client;

public sealed class BlockVerifierTests : IDisposable
{
    private readonly CertifiedState _chain = new();
    private readonly KeyPair _sender = KeyPair.Generate();

    public void Dispose()
    {
        _chain.Dispose();
        _sender.Dispose();
    }

    [Fact]
    public void A_certified_block_with_a_matching_body_verifies()
    {
        var check = BlockVerifier.Verify(Block(), _chain.Genesis);

        Assert.True(check.IsValid);
        Assert.Equal(CertifiedState.Power, check.SignedPower);
    }

    [Fact]
    public void A_body_that_does_not_match_the_certified_header_fails()
    {
        var block = Block();
        var swapped = block with { Receipts = [block.Receipts[0] with { FeeCharged = 1_000 }, block.Receipts[1]] };

        var e = Assert.Throws<ChainClientException>(() => BlockVerifier.Verify(swapped, _chain.Genesis));

        Assert.Equal(ChainClientErrorKind.VerificationFailed, e.Kind);
        Assert.Contains("receipts root", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_block_certified_by_someone_else_fails()
    {
        using var impostor = KeyPair.Generate();
        var block = Block();
        var forged = block with { Certificate = CertifiedState.Certify(block.Header, impostor) };

        var e = Assert.Throws<ChainClientException>(() => BlockVerifier.Verify(forged, _chain.Genesis));

        Assert.Equal(ChainClientErrorKind.VerificationFailed, e.Kind);
        Assert.Contains("does not verify", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_block_of_another_chain_fails()
    {
        var e = Assert.Throws<ChainClientException>(() => BlockVerifier.Verify(Block(), _chain.Genesis with { ChainId = "othernet" }));

        Assert.Equal(ChainClientErrorKind.VerificationFailed, e.Kind);
    }

    private FinalizedBlock Block()
    {
        SignedTransaction[] txs = [.. Enumerable.Range(0, 2).Select(i =>
            new Transaction(CertifiedState.ChainId, (ulong)i, _sender.PublicKey, 1, new Transfer(_chain.Owner.Address, 5)).Sign(_sender))];
        Receipt[] receipts = [.. txs.Select(t => new Receipt(t.Hash, ReceiptStatus.Success, 1))];
        var chunks = ChunkLayout.Headers(1, txs, [], []);
        var header = _chain.HeaderOver(_chain.Header.StateRoot) with
        {
            TransactionsRoot = FinalizedBlock.TransactionsRoot(txs),
            ReceiptsRoot = FinalizedBlock.ReceiptsRoot(receipts),
            TransactionCount = (uint)txs.Length,
            ChunksRoot = ChunkHeader.Root(chunks),
        };
        return new FinalizedBlock(header, CertifiedState.Certify(header, _chain.Validator), null, txs, receipts) { Chunks = chunks };
    }
}
