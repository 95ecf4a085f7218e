using Chain.Client;
using Chain.GrainInterfaces;
using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;
using Chain.Protocol.Proofs;
using Chain.Protocol.Transactions;

namespace Chain.Tests.Client;

public sealed class InclusionVerifierTests : IDisposable
{
    private readonly KeyPair _sender = KeyPair.Generate();
    private readonly KeyPair _recipient = KeyPair.Generate();
    private readonly SignedTransaction[] _transactions;
    private readonly Receipt[] _receipts;
    private readonly BlockHeader _header;

    public InclusionVerifierTests()
    {
        _transactions = [.. Enumerable.Range(0, 5).Select(i =>
            new Transaction("testnet", (ulong)i, _sender.PublicKey, 1, new Transfer(_recipient.Address, 10)).Sign(_sender))];
        _receipts = [.. _transactions.Select(t => new Receipt(t.Hash, ReceiptStatus.Success, 1))];
        _header = new BlockHeader(
            "testnet", 3, Hash32.Zero, 0,
            FinalizedBlock.TransactionsRoot(_transactions), FinalizedBlock.ReceiptsRoot(_receipts),
            Hash32.Zero, Hash32.Zero, Hash32.Zero, Hash32.Zero, _sender.Address, (uint)_transactions.Length);
    }

    public void Dispose()
    {
        _sender.Dispose();
        _recipient.Dispose();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(4)]
    public void A_final_transaction_with_a_correct_audit_path_verifies(int index)
    {
        var outcome = InclusionVerifier.Verify(_transactions[index].Hash, Final(index));

        Assert.Equal(TransactionStatus.Final, outcome.Status);
        Assert.NotNull(outcome.Inclusion);
        Assert.Equal((uint)index, outcome.Inclusion.Index);
        Assert.Equal(_transactions[index].Hash, outcome.Inclusion.Transaction.Hash);
        Assert.Equal(3UL, outcome.Inclusion.Header.Height);
    }

    [Fact]
    public void A_claimed_index_other_than_the_transactions_place_fails()
    {
        var result = Final(1) with { Index = 2 };

        AssertFails(() => InclusionVerifier.Verify(_transactions[1].Hash, result), "audit path");
    }

    [Fact]
    public void A_tampered_audit_path_fails()
    {
        var result = Final(1);
        var path = (byte[])result.AuditPath!.Clone();
        path[0] ^= 1;

        AssertFails(() => InclusionVerifier.Verify(_transactions[1].Hash, result with { AuditPath = path }), "audit path");
    }

    [Fact]
    public void An_audit_path_that_is_not_whole_hashes_fails()
    {
        var result = Final(1) with { AuditPath = new byte[33] };

        AssertFails(() => InclusionVerifier.Verify(_transactions[1].Hash, result), "33 bytes");
    }

    [Fact]
    public void Another_transaction_presented_under_the_asked_hash_fails()
    {
        var result = Final(1) with { TransactionHash = _transactions[2].Hash.ToArray() };

        AssertFails(() => InclusionVerifier.Verify(_transactions[2].Hash, result), "another hash");
    }

    [Fact]
    public void A_receipt_for_another_transaction_fails()
    {
        var result = Final(1) with { Receipt = _receipts[2].Encode() };

        AssertFails(() => InclusionVerifier.Verify(_transactions[1].Hash, result), "receipt");
    }

    [Fact]
    public void Final_without_a_proof_fails()
    {
        var result = Final(1) with { AuditPath = null };

        AssertFails(() => InclusionVerifier.Verify(_transactions[1].Hash, result), "no inclusion proof");
    }

    [Fact]
    public void A_pending_transaction_has_no_inclusion()
    {
        var hash = _transactions[0].Hash;
        var pending = new TransactionResult(hash.ToArray(), TransactionStatus.Pending, 0, 0, null, null, null, null);

        var outcome = InclusionVerifier.Verify(hash, pending);

        Assert.Equal(TransactionStatus.Pending, outcome.Status);
        Assert.Null(outcome.Inclusion);
    }

    private TransactionResult Final(int index)
    {
        var leaves = _transactions.Select(t => t.Hash.ToArray()).ToArray();
        var path = BinaryMerkle.AuditPath(leaves, index).SelectMany(h => h.ToArray()).ToArray();
        return new TransactionResult(
            _transactions[index].Hash.ToArray(), TransactionStatus.Final, _header.Height, (uint)index,
            _transactions[index].Encode(), _receipts[index].Encode(), _header.Encode(), path);
    }

    private static void AssertFails(Func<TransactionOutcome> verify, string reason)
    {
        var e = Assert.Throws<ChainClientException>(() => verify());
        Assert.Equal(ChainClientErrorKind.VerificationFailed, e.Kind);
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }
}
