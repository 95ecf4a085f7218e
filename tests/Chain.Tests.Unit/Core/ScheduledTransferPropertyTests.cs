using Chain.Core.Execution;
using Chain.Core.Execution.Speculative;
using Chain.Protocol.Crypto;
using Chain.Protocol.Transactions;
using CsCheck;

namespace Chain.Tests.Unit.Core;

/// <summary>
/// Random blocks of plain transfers (2..1000 accounts, hot pairs, amounts beyond the balance, refused ones: self-transfers,
/// bad nonces, another chain, zero amounts; badly signed ones), none from or to the proposer: the blocks the scheduled path takes. Built and replayed sequentially,
/// scheduled (1, 2, 4, 8 threads) and speculated: every part of the execution is the same.
/// </summary>
public sealed class ScheduledTransferPropertyTests
{
    private const int Funded = 120;

    private static readonly Lazy<World> Shared = new(() => new World());

    private sealed record Op(int From, int To, ulong Amount, TransactionFault Fault, ulong Fee);

    private sealed record Workload(int Accounts, int Hot, Op[] Ops);

    private static readonly Gen<Op> OpGen = Gen.Select(
        Gen.Int[0, 999],
        Gen.Int[0, 999],
        Gen.ULong[0, 1_300],
        TransactionFaults.Gen(healthy: 20),
        Gen.ULong[0, 3])
        .Select((from, to, amount, fault, fee) => new Op(from, to, amount, fault, fee));

    private static readonly Gen<Workload> WorkloadGen = Gen.Select(Gen.Int[2, 1_000], Gen.Int[0, 3], OpGen.Array[1, 300])
        .Select((accounts, hot, ops) => new Workload(accounts, hot, ops));

    [Fact]
    public void Scheduled_blocks_of_transfers_execute_as_sequentially()
    {
        var world = Shared.Value;
        WorkloadGen.Sample(workload =>
        {
            var candidates = world.Transactions(workload);
            var valid = candidates.Select(t => t.HasValidSignature()).ToArray();
            Assert.True(ScheduledTransferExecutor.Schedulable(world.Context, candidates, valid) == valid.Count(v => v), "the workload is one the scheduled path takes");
            ParallelExecutionComparison.BuildAndReplayAgree(world.Chain.Ledger, world.Context, null, candidates);
        }, iter: 40);
    }

    [Fact]
    public void A_transfer_from_or_to_the_proposer_or_any_other_payload_is_not_scheduled()
    {
        var world = Shared.Value;
        var chain = world.Chain;
        var plain = chain.Transfer(0, chain.Keys[1].Address, 1, 0);
        var toProposer = chain.Transfer(0, chain.Validator.Address, 1, 0);
        var fromProposer = chain.Tx(chain.Validator, new Transfer(chain.Keys[1].Address, 1));
        var bond = chain.Tx(chain.Keys[0], new Bond(1));
        Assert.Equal(1, ScheduledTransferExecutor.Schedulable(world.Context, [plain], [true]));
        Assert.Equal(-1, ScheduledTransferExecutor.Schedulable(world.Context, [plain, toProposer], [true, true]));
        Assert.Equal(-1, ScheduledTransferExecutor.Schedulable(world.Context, [fromProposer, plain], [true, true]));
        Assert.Equal(-1, ScheduledTransferExecutor.Schedulable(world.Context, [plain, bond], [true, true]));

        // A transaction that is not executed (badly signed) does not count either way.
        Assert.Equal(1, ScheduledTransferExecutor.Schedulable(world.Context, [plain, bond], [true, false]));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(500)]
    [InlineData(999)]
    public void A_block_with_one_transaction_the_scheduler_does_not_take_is_handed_to_the_speculative_executor_and_executes_as_sequentially(int position)
    {
        // A transfer to the proposer, found while the threads look up slots: first, in the middle (another thread's run, maybe), or last.
        var chain = Shared.Value.Chain;
        var nonces = new ulong[Funded];
        var txs = new List<SignedTransaction>();
        for (var i = 0; i < 1_000; i++)
        {
            var from = i % Funded;
            txs.Add(i == position
                ? chain.Transfer(from, chain.Validator.Address, 3, nonces[from]++)
                : chain.Transfer(from, Shared.Value.Recipients[Funded + ((i * 7) % 400)], 3, nonces[from]++));
        }

        var valid = txs.Select(t => t.HasValidSignature()).ToArray();
        Assert.Equal(-1, ScheduledTransferExecutor.Schedulable(Shared.Value.Context, txs, valid));
        var execution = ParallelExecutionComparison.BuildAndReplayAgree(chain.Ledger, Shared.Value.Context, null, txs);
        Assert.Equal(1_000, execution.Included.Count);
    }

    /// <summary>A chain with 120 funded accounts and one validator, which proposes; recipients beyond the funded accounts have no keys.</summary>
    private sealed class World
    {
        public World()
        {
            Chain = new TestChain(accounts: Funded, balance: 1_000);
            Recipients = [.. Chain.Keys.Select(k => k.Address), .. Enumerable.Range(0, 1_000).Select(i => new Address(BitConverter.GetBytes(i).Concat(new byte[16]).ToArray()))];
            Context = new BlockContext(TestChain.Id, Chain.Head.Height + 1, Chain.Head.TimeUnixMs + 1, Chain.Validator.Address, Chain.Parameters);
        }

        public TestChain Chain { get; }

        public Address[] Recipients { get; }

        public BlockContext Context { get; }

        public List<SignedTransaction> Transactions(Workload workload)
        {
            var senders = Math.Min(workload.Accounts, Funded);
            var recipients = Math.Min(workload.Accounts, Recipients.Length);
            var nonces = new Dictionary<int, ulong>();
            return [.. workload.Ops.Select((op, i) =>
            {
                // Hot: 1 in 2, 3 or 4 transactions (by the level drawn) moves funds within the first two accounts.
                var hot = workload.Hot > 0 && i % (workload.Hot + 1) != 0;
                var from = hot ? op.From % 2 : op.From % senders;
                var to = hot ? op.To % 2 : op.To % recipients;
                return ToTransaction(from, Recipients[to], nonces, op);
            })];
        }

        private SignedTransaction ToTransaction(int from, Address to, Dictionary<int, ulong> nonces, Op op)
        {
            var key = Chain.Keys[from];
            var next = nonces.GetValueOrDefault(from);
            var nonce = next;
            if (op.Fault == TransactionFault.BadNonce)
            {
                nonce = next + 1 + (op.Amount % 2);
            }
            else if (op.Fault.UsesNonce())
            {
                nonces[from] = next + 1;
            }

            var body = new Transaction(op.Fault.ChainId(), nonce, key.PublicKey, op.Fee, new Transfer(to, op.Fault.Amount(op.Amount)));
            return op.Fault.Sign(body, key, other: Chain.Keys[(from + 1) % Funded]);
        }
    }
}
