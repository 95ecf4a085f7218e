using Chain.Core.Sharding;
using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;
using Chain.Protocol.Sharding;
using Chain.Protocol.Transactions;
using Chain.Tests.Unit.Core;

namespace Chain.Tests.Unit.Sharding;

/// <summary>A verifier refuses blocks that apply forged, mis-proven, replayed or misdirected receipts; a late credit comes back as a refund.</summary>
public sealed class CrossShardBlockValidityTests
{
    private readonly CrossShardHarness _harness = new(new TestChain(12, 1_000, shards: 2, receiptTimeout: 2));

    private TestChain Chain => _harness.Chain;

    [Fact]
    public void A_cross_shard_transfer_debits_now_and_credits_at_a_later_height_from_its_proven_receipt()
    {
        var (from, to) = AccountsOnDifferentShards();
        var sent = _harness.Step([Chain.Tx(Chain.Keys[from], new Transfer(Chain.Keys[to].Address, 300))], []);
        var receipt = Assert.Single(sent.Outgoing);
        Assert.Equal(ReceiptStatus.Success, Assert.Single(sent.Receipts).Status);
        Assert.Equal(1_000UL - 300 - 1, Chain.Account(Chain.Keys[from].Address).Balance);
        Assert.Equal(1_000UL, Chain.Account(Chain.Keys[to].Address).Balance);
        Assert.Equal(300UL, _harness.InFlight);

        var applied = _harness.Step([], [.. _harness.Pending]);
        Assert.Equal([IncomingOutcome.Credited], applied.IncomingOutcomes);
        Assert.Equal(receipt, Assert.Single(applied.Incoming).Receipt);
        Assert.Equal(1_300UL, Chain.Account(Chain.Keys[to].Address).Balance);
        Assert.Equal(0UL, _harness.InFlight);
        Assert.Equal(1u, applied.Chunks[receipt.Destination].IncomingCount);
    }

    [Fact]
    public void A_block_applying_a_forged_receipt_is_invalid()
    {
        var genuine = SendOne();
        var block = _harness.Chain.Propose([], [genuine], new());
        var forged = block.ToBlock() with { Incoming = [genuine with { Receipt = genuine.Receipt with { Amount = 999 } }] };
        AssertInvalid(forged, nameof(IncomingProblem.BadProof));
    }

    [Fact]
    public void A_block_applying_a_receipt_with_a_wrong_path_is_invalid()
    {
        var genuine = SendOne();
        var block = _harness.Chain.Propose([], [genuine], new());
        var badPath = block.ToBlock() with { Incoming = [genuine with { Path = [Hashing.Sha256([1])] }] };
        AssertInvalid(badPath, nameof(IncomingProblem.BadProof));
    }

    [Fact]
    public void A_block_replaying_an_applied_receipt_is_invalid()
    {
        var genuine = SendOne();
        _harness.Step([], [genuine]);
        var block = Chain.Propose([], [], new());
        AssertInvalid(block.ToBlock() with { Incoming = [genuine] }, nameof(IncomingProblem.Replayed));
    }

    [Fact]
    public void A_receipt_from_a_height_whose_chunk_sent_nothing_is_invalid()
    {
        var genuine = SendOne();
        var block = Chain.Propose([], [], new());
        var moved = genuine with { Receipt = genuine.Receipt with { SourceHeight = genuine.Receipt.SourceHeight + 50 } };
        AssertInvalid(block.ToBlock() with { Incoming = [moved] }, nameof(IncomingProblem.UnknownSourceChunk));
    }

    [Fact]
    public void A_proposer_leaves_out_receipts_it_cannot_apply_and_says_why()
    {
        var genuine = SendOne();
        var forged = genuine with { Receipt = genuine.Receipt with { To = Chain.Keys[0].Address } };
        var block = _harness.Step([], [forged, genuine]);
        Assert.Equal((forged, IncomingProblem.BadProof), Assert.Single(block.DroppedIncoming));
        Assert.Same(genuine, Assert.Single(block.Incoming));
    }

    [Fact]
    public void A_credit_delivered_after_the_timeout_is_refunded_to_the_sender()
    {
        var (from, to) = AccountsOnDifferentShards();
        _harness.Step([Chain.Tx(Chain.Keys[from], new Transfer(Chain.Keys[to].Address, 250))], []);
        _harness.Step([], []);
        _harness.Step([], []);
        var late = _harness.Step([], [.. _harness.Pending]);
        Assert.Equal([IncomingOutcome.RefundedTimeout], late.IncomingOutcomes);
        var refund = Assert.Single(late.Outgoing);
        Assert.Equal(ShardReceiptKind.Refund, refund.Kind);
        Assert.Equal(1_000UL, Chain.Account(Chain.Keys[to].Address).Balance);

        var back = _harness.Step([], [.. _harness.Pending]);
        Assert.Equal([IncomingOutcome.RefundCredited], back.IncomingOutcomes);
        Assert.Equal(1_000UL - 1, Chain.Account(Chain.Keys[from].Address).Balance);
        Assert.Equal(0UL, _harness.InFlight);
    }

    private IncomingReceipt SendOne()
    {
        var (from, to) = AccountsOnDifferentShards();
        _harness.Step([Chain.Tx(Chain.Keys[from], new Transfer(Chain.Keys[to].Address, 100))], []);
        return Assert.Single(_harness.Pending);
    }

    private void AssertInvalid(Block block, string problem)
    {
        var (verified, error) = Chain.Verify(block);
        Assert.Null(verified);
        Assert.Contains(problem, error);
    }

    private (int From, int To) AccountsOnDifferentShards()
    {
        var shard = Chain.Keys.Select(k => ShardMap.ShardOf(k.Address, Chain.Parameters.ShardCount)).ToArray();
        var from = Array.FindIndex(shard, s => s == 1);
        var to = Array.FindIndex(shard, s => s == 0);
        Assert.True(from >= 0 && to >= 0, "the test accounts must span both shards");
        return (from, to);
    }
}
