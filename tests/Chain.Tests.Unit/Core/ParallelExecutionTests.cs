using Chain.Core.Execution;
using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;
using Chain.Protocol.Transactions;

namespace Chain.Tests.Unit.Core;

public sealed class ParallelExecutionTests
{
    [Fact]
    public void A_block_where_every_transaction_moves_funds_between_the_same_two_accounts_executes_as_sequentially()
    {
        var chain = new TestChain(accounts: 2, balance: 1_000);
        var txs = Enumerable.Range(0, 400)
            .Select(i => chain.Transfer(i % 2, chain.Keys[(i + 1) % 2].Address, 1 + ((ulong)(i % 7) * 250), (ulong)(i / 2)))
            .ToList();
        var execution = ParallelExecutionComparison.BuildAndReplayAgree(chain.Ledger, Context(chain), null, txs);
        Assert.Equal(400, execution.Included.Count);
        Assert.Contains(execution.Receipts, r => r.Status == ReceiptStatus.InsufficientBalance);
        Assert.Contains(execution.Receipts, r => r.Status == ReceiptStatus.Success);
    }

    [Fact]
    public void A_block_of_independent_transfers_executes_as_sequentially()
    {
        var chain = new TestChain(accounts: 150, balance: 1_000);
        var txs = Enumerable.Range(0, 150)
            .Select(i => chain.Transfer(i, new Address(BitConverter.GetBytes(i).Concat(new byte[16]).ToArray()), 10 + (ulong)i, 0))
            .ToList();
        var execution = ParallelExecutionComparison.BuildAndReplayAgree(chain.Ledger, Context(chain), null, txs);
        Assert.Equal(150, execution.Included.Count);
        Assert.All(execution.Receipts, r => Assert.Equal(ReceiptStatus.Success, r.Status));
    }

    [Fact]
    public void Transfers_to_and_from_the_proposer_see_every_fee_paid_before_them()
    {
        var chain = new TestChain(accounts: 40, balance: 1_000, validatorBalance: 0);
        var proposer = chain.Validator;
        var txs = new List<SignedTransaction>();
        for (var i = 0; i < 40; i++)
        {
            txs.Add(chain.Transfer(i, i % 3 == 0 ? proposer.Address : chain.Keys[(i + 1) % 40].Address, 5, 0, fee: 3));
            if (i == 19)
            {
                // 20 fees of 3 and 7 transfers of 5 so far: 95. Spending 92 succeeds only if every fee is visible.
                txs.Add(chain.Tx(proposer, new Transfer(chain.Keys[0].Address, 90), fee: 2));
            }
        }

        var execution = ParallelExecutionComparison.BuildAndReplayAgree(chain.Ledger, Context(chain), null, txs);
        Assert.Equal(txs.Count, execution.Included.Count);
        Assert.All(execution.Receipts, r => Assert.Equal(ReceiptStatus.Success, r.Status));
    }

    [Fact]
    public void The_block_cap_keeps_the_first_includable_candidates_and_reports_none_after_it()
    {
        var chain = new TestChain(accounts: 30, balance: 1_000);
        var parameters = chain.Parameters with { MaxBlockTransactions = 12 };
        var context = new BlockContext(TestChain.Id, chain.Head.Height + 1, chain.Head.TimeUnixMs + 1, chain.Validator.Address, parameters);
        var txs = Enumerable.Range(0, 30)
            .Select(i => i % 4 == 1
                ? BadlySigned(new Transaction(TestChain.Id, 0, chain.Keys[i].PublicKey, 1, new Transfer(chain.Keys[0].Address, 1)), chain.Keys[(i + 1) % 30])
                : chain.Transfer(i, chain.Keys[(i + 3) % 30].Address, 1, i % 5 == 0 ? 7UL : 0))
            .ToList();
        var execution = ParallelExecutionComparison.BuildAndReplayAgree(chain.Ledger, context, null, txs);
        Assert.Equal(12, execution.Included.Count);
        Assert.Contains(execution.Rejected, r => r.Reason == TxErrorCode.InvalidSignature);
    }

    [Fact]
    public void Signatures_checked_by_the_caller_are_not_checked_again_and_give_the_same_execution()
    {
        var chain = new TestChain(accounts: 20, balance: 1_000);
        var txs = Enumerable.Range(0, 20).Select(i => chain.Transfer(i, chain.Keys[(i + 1) % 20].Address, 3, 0)).ToList();
        var expected = BlockExecutor.Build(chain.Ledger, Context(chain), null, txs);
        foreach (var parallelism in new[] { 1, 2 })
        {
            var options = new ExecutionOptions { Parallelism = parallelism, SignaturesChecked = true };
            ParallelExecutionComparison.SameExecution(expected, BlockExecutor.Build(chain.Ledger, Context(chain), null, txs, options), compareRejected: true);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_block_whose_write_set_is_sorted_on_two_threads_executes_as_sequentially(bool hotTail)
    {
        // Over 512 written keys (the write set is then sorted on two threads, by radix): transfers to fresh and funded
        // accounts, to and from the proposer, some failing (more than the balance) and some refused (bad nonce). With a hot
        // tail, the block turns sequential part-way, after hundreds of writes.
        const int Accounts = 190;
        var chain = new TestChain(accounts: Accounts, balance: 1_000, validatorBalance: 500);
        var proposer = chain.Validator;
        var txs = new List<SignedTransaction>();
        for (var i = 0; i < Accounts; i++)
        {
            Address to = (i % 10) switch
            {
                0 => proposer.Address,
                1 => chain.Keys[(i * 7) % Accounts].Address,
                _ => new Address(BitConverter.GetBytes(i).Concat(new byte[16]).ToArray()),
            };
            txs.Add(chain.Transfer(i, to, i % 13 == 0 ? 5_000UL : 1 + (ulong)i, i % 37 == 5 ? 1UL : 0));
            if (i % 50 == 25)
            {
                txs.Add(chain.Tx(proposer, new Transfer(chain.Keys[i].Address, 20), fee: 2));
            }
        }

        for (var i = 0; i < 300; i++)
        {
            var from = hotTail ? i % 2 : i % Accounts;
            var nonce = hotTail ? 1 + (ulong)(i / 2) : 1 + (ulong)(i / Accounts);
            txs.Add(chain.Transfer(from, new Address(BitConverter.GetBytes(1_000 + i).Concat(new byte[16]).ToArray()), 2, nonce));
        }

        var execution = ParallelExecutionComparison.BuildAndReplayAgree(chain.Ledger, Context(chain), null, txs);
        Assert.True(execution.Changes.Count > 512, $"{execution.Changes.Count} keys written");
        Assert.Contains(execution.Receipts, r => r.Status == ReceiptStatus.InsufficientBalance);
        Assert.Contains(execution.Rejected, r => r.Reason == TxErrorCode.NonceTooHigh);
    }

    private static SignedTransaction BadlySigned(Transaction body, KeyPair other) => new(body, other.Sign(body.SigningBytes()));

    private static BlockContext Context(TestChain chain) =>
        new(TestChain.Id, chain.Head.Height + 1, chain.Head.TimeUnixMs + 1, chain.Validator.Address, chain.Parameters);
}
