using Chain.Core.Blocks;
using Chain.Core.Staking;
using Chain.Protocol.Blocks;
using Chain.Protocol.Transactions;
using CsCheck;

namespace Chain.Tests.Unit.Core;

public sealed class TransferExecutionTests
{
    private sealed record Step(int From, int To, ulong Amount, int NonceSkew, ulong Fee);

    private static readonly Gen<Step> StepGen = Gen.Select(Gen.Int[0, 3], Gen.Int[0, 3], Gen.ULong[0, 2_000], Gen.Frequency((8, Gen.Const(0)), (1, Gen.Int[-2, 3])), Gen.ULong[0, 3])
        .Select((f, t, a, s, fee) => new Step(f, t, a, s, fee));

    [Fact]
    public void Random_transfer_blocks_move_no_unit_out_of_the_supply_record_and_keep_nonces_strictly_increasing()
    {
        StepGen.Array[1, 40].Array[1, 5].Sample(blocks =>
        {
            var chain = new TestChain(accounts: 4, balance: 5_000);
            var genesisSupply = chain.Genesis.TotalSupply();
            foreach (var steps in blocks)
            {
                var nextNonce = chain.Keys.Select(k => chain.Account(k.Address).Nonce).ToArray();
                var txs = steps.Select(s =>
                {
                    var nonce = (ulong)Math.Max(0, (long)nextNonce[s.From] + s.NonceSkew);
                    if (s.NonceSkew == 0)
                    {
                        nextNonce[s.From]++;
                    }

                    return chain.Transfer(s.From, chain.Keys[s.To].Address, s.Amount, nonce, s.Fee);
                }).ToList();

                var before = chain.Keys.Select(k => chain.Account(k.Address).Nonce).ToArray();
                // Step has the verifier re-execute and agree with the proposer, root for root.
                var block = chain.Step(txs);

                // Transfers and fees move units; only block rewards (minted) change the supply.
                var supply = StakingQueries.Supply(chain.Ledger);
                Assert.Equal(supply.Total, chain.CountedSupply());
                Assert.Equal(genesisSupply + supply.Minted - supply.Burned, supply.Total);
                Assert.Equal(0UL, supply.Burned);
                for (var k = 0; k < chain.Keys.Length; k++)
                {
                    var included = block.Transactions.Where(t => t.Body.Sender == chain.Keys[k].PublicKey).Select(t => t.Body.Nonce).ToArray();
                    Assert.Equal(Enumerable.Range(0, included.Length).Select(i => before[k] + (ulong)i), included);
                    Assert.Equal(before[k] + (ulong)included.Length, chain.Account(chain.Keys[k].Address).Nonce);
                }

                Assert.Equal(FinalizedBlock.TransactionsRoot(block.Transactions), block.Header.TransactionsRoot);
            }
        }, iter: 150);
    }

    [Fact]
    public void A_transfer_the_sender_cannot_afford_is_included_as_failed_and_still_pays_its_fee()
    {
        var chain = new TestChain(accounts: 2, balance: 100);
        var block = chain.Propose([chain.Transfer(0, chain.Keys[1].Address, 500, 0, fee: 5)]);
        chain.Commit(block);
        Assert.Equal(ReceiptStatus.InsufficientBalance, block.Receipts.Single().Status);
        Assert.Equal(95UL, chain.Account(chain.Keys[0].Address).Balance);
        Assert.Equal(1UL, chain.Account(chain.Keys[0].Address).Nonce);
        Assert.Equal(100UL, chain.Account(chain.Keys[1].Address).Balance);
        Assert.Equal(5UL, chain.Account(chain.Validator.Address).Balance);
    }

    [Fact]
    public void Transactions_with_a_replayed_nonce_or_a_fee_below_the_minimum_are_left_out()
    {
        var chain = new TestChain(accounts: 2, balance: 100);
        var first = chain.Transfer(0, chain.Keys[1].Address, 10, 0);
        chain.Commit(chain.Propose([first]));
        var block = chain.Propose([first, chain.Transfer(0, chain.Keys[1].Address, 10, 1, fee: 0)]);
        Assert.Empty(block.Transactions);
        Assert.Equal([TxErrorCode.NonceTooLow, TxErrorCode.FeeTooLow], block.Rejected.Select(r => r.Reason));
    }

    [Fact]
    public void Verification_refuses_a_header_whose_state_root_was_altered()
    {
        var chain = new TestChain(accounts: 2, balance: 100);
        var block = chain.Propose([chain.Transfer(0, chain.Keys[1].Address, 10, 0)]);
        var forged = block.Header with { StateRoot = block.Header.TransactionsRoot };
        var (result, error) = chain.Verify(block.ToBlock() with { Header = forged });
        Assert.Null(result);
        Assert.Contains("roots", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Verification_refuses_a_transaction_with_a_forged_signature()
    {
        var chain = new TestChain(accounts: 2, balance: 100);
        var honest = chain.Transfer(0, chain.Keys[1].Address, 10, 0);
        var forged = new SignedTransaction(honest.Body with { Fee = 2 }, honest.Signature);
        var block = chain.Propose([honest]).ToBlock();
        var header = block.Header with { TransactionsRoot = FinalizedBlock.TransactionsRoot([forged]) };
        var (result, error) = chain.Verify(block with { Header = header, Transactions = [forged] });
        Assert.Null(result);
        Assert.Contains("signature", error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_proposer_leaves_out_a_transaction_with_a_forged_signature()
    {
        var chain = new TestChain(accounts: 2, balance: 100);
        var honest = chain.Transfer(0, chain.Keys[1].Address, 10, 0);
        var forged = new SignedTransaction(honest.Body with { Fee = 2 }, honest.Signature);
        var block = chain.Propose([forged, honest]);
        Assert.Equal([honest.Hash], block.Transactions.Select(t => t.Hash));
        Assert.Equal([TxErrorCode.InvalidSignature], block.Rejected.Select(r => r.Reason));
    }

    [Fact]
    public void Self_transfers_zero_amounts_and_overflowing_amounts_are_invalid_in_a_block_as_at_admission()
    {
        var chain = new TestChain(accounts: 2, balance: 100);
        var block = chain.Propose([
            chain.Transfer(0, chain.Keys[0].Address, 5, 0),
            chain.Transfer(0, chain.Keys[1].Address, 0, 0),
            chain.Transfer(0, chain.Keys[1].Address, ulong.MaxValue, 0),
        ]);
        Assert.Empty(block.Transactions);
        Assert.Equal([TxErrorCode.InvalidTransfer, TxErrorCode.InvalidTransfer, TxErrorCode.AmountOverflow], block.Rejected.Select(r => r.Reason));
    }

    [Fact]
    public void Verification_refuses_a_block_for_another_chain()
    {
        var chain = new TestChain(accounts: 2, balance: 100);
        var block = chain.Propose([chain.Transfer(0, chain.Keys[1].Address, 10, 0)]);
        var (result, error) = BlockAssembler.Verify(chain.Head, "another-chain", chain.Parameters, block.ToBlock(), chain.Ledger, chain.Ledger.Tree);
        Assert.Null(result);
        Assert.Contains("another-chain", error, StringComparison.Ordinal);
    }
}
