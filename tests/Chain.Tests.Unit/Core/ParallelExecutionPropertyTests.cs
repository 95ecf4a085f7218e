using Chain.Core.Blocks;
using Chain.Core.Execution;
using Chain.Protocol.Crypto;
using Chain.Protocol.Transactions;
using Chain.Tests.Unit.Staking;
using CsCheck;
using Delegate = Chain.Protocol.Transactions.Delegate;

namespace Chain.Tests.Unit.Core;

/// <summary>
/// Random blocks (2..1000 accounts, hot accounts, failing and refused transactions, staking payloads, bad signatures)
/// executed sequentially and with 2, 4 and 8 threads: every part of the execution is the same, in both modes.
/// </summary>
public sealed class ParallelExecutionPropertyTests
{
    private const int FundedAccounts = 190;

    private static readonly Lazy<ParallelWorld> World = new(() => new ParallelWorld());

    private enum Kind
    {
        Transfer,
        Bond,
        Delegate,
        Unbond,
        Withdraw,
        Unjail,
    }

    private sealed record Op(Kind Kind, int From, int To, ulong Amount, TransactionFault Fault, ulong Fee);

    private sealed record Workload(int Accounts, bool Hot, Op[] Ops);

    private static readonly Gen<Op> OpGen = Gen.Select(
        Gen.Frequency((14, Gen.Const(Kind.Transfer)), (1, Gen.Const(Kind.Bond)), (1, Gen.Const(Kind.Delegate)), (1, Gen.Const(Kind.Unbond)), (1, Gen.Const(Kind.Withdraw)), (1, Gen.Const(Kind.Unjail))),
        Gen.Int[0, 999],
        Gen.Int[0, 999],
        Gen.ULong[0, 1_300],
        TransactionFaults.Gen(healthy: 16),
        Gen.ULong[0, 3])
        .Select((kind, from, to, amount, fault, fee) => new Op(kind, from, to, amount, fault, fee));

    private static readonly Gen<Workload> WorkloadGen = Gen.Select(Gen.Int[2, 1_000], Gen.Bool, OpGen.Array[1, 140])
        .Select((accounts, hot, ops) => new Workload(accounts, hot, ops));

    [Fact]
    public void Parallel_build_and_replay_equal_sequential_execution_for_random_workloads()
    {
        var world = World.Value;
        WorkloadGen.Sample(workload =>
        {
            var candidates = world.Transactions(workload);
            ParallelExecutionComparison.BuildAndReplayAgree(world.Chain.Ledger, world.Context, world.Chain.LastCertificate, candidates);
        }, iter: 30);
    }

    [Fact]
    public void Blocks_assembled_in_parallel_have_the_same_header_roots_as_sequential_ones_and_verify_in_parallel()
    {
        Gen.Select(Gen.Int[2, 4], OpGen.Array[0, 60].Array[1, 4]).Sample((parallelism, blocks) =>
        {
            var chain = new TestChain(accounts: 6, balance: 5_000, validators: 3, power: 1_000, staking: StakingTestData.Quick(epochLength: 2), validatorBalance: 800);
            var senders = chain.Keys.Concat(chain.ValidatorKeys).ToArray();
            foreach (var ops in blocks)
            {
                var nonces = new Dictionary<Address, ulong>();
                var candidates = ops.Select(op => ParallelWorld.ToTransaction(chain, senders, [.. senders.Select(k => k.Address)], nonces, op with { From = op.From % senders.Length })).ToList();
                var proposer = chain.Validator.Address;
                var time = chain.Head.TimeUnixMs + 1000;
                var sequential = BlockAssembler.Propose(chain.Head, TestChain.Id, chain.Parameters, proposer, time, chain.LastCertificate, chain.Ledger, chain.Ledger.Tree, candidates);
                var parallel = BlockAssembler.Propose(chain.Head, TestChain.Id, chain.Parameters, proposer, time, chain.LastCertificate, chain.Ledger, chain.Ledger.Tree, candidates, parallelism);
                Assert.Equal(sequential.Header, parallel.Header);
                var (verified, error) = BlockAssembler.Verify(chain.Head, TestChain.Id, chain.Parameters, parallel.ToBlock(), chain.Ledger, chain.Ledger.Tree, parallelism);
                Assert.True(verified is not null, error);
                Assert.Equal(sequential.Header, verified.Header);
                chain.Commit(sequential);
            }
        }, iter: 10);
    }

    /// <summary>A chain at height 1 with 190 funded accounts and 3 validators (the first proposes), shared read-only by the examples.</summary>
    private sealed class ParallelWorld
    {
        public ParallelWorld()
        {
            Chain = new TestChain(accounts: FundedAccounts, balance: 1_000, validators: 3, power: 1_000, staking: StakingTestData.Quick(epochLength: 2), validatorBalance: 2_000);
            Chain.Step([]);
            Senders = [.. Chain.Keys, .. Chain.ValidatorKeys];
            // Accounts beyond the funded ones only receive: addresses without keys.
            Recipients = [.. Senders.Select(k => k.Address), .. Enumerable.Range(0, 1_000).Select(i => new Address(BitConverter.GetBytes(i).Concat(new byte[16]).ToArray()))];
            Context = new BlockContext(TestChain.Id, Chain.Head.Height + 1, Chain.Head.TimeUnixMs + 1000, Chain.Validator.Address, Chain.Parameters);
        }

        public TestChain Chain { get; }

        public KeyPair[] Senders { get; }

        public Address[] Recipients { get; }

        public BlockContext Context { get; }

        public List<SignedTransaction> Transactions(Workload workload)
        {
            var senders = Senders.Take(Math.Min(workload.Accounts, FundedAccounts)).Concat(Chain.ValidatorKeys).ToArray();
            var recipients = Recipients.Take(workload.Accounts + Chain.ValidatorKeys.Length).ToArray();
            var nonces = new Dictionary<Address, ulong>();
            return [.. workload.Ops.Select((op, i) =>
            {
                // Hot: most transactions are between the first two accounts.
                var hot = workload.Hot && i % 4 != 3;
                var from = hot ? op.From % 2 : op.From % senders.Length;
                var to = hot ? op.To % 2 : op.To % recipients.Length;
                return ToTransaction(Chain, senders, recipients, nonces, op with { From = from, To = to });
            })];
        }

        public static SignedTransaction ToTransaction(TestChain chain, KeyPair[] senders, Address[] recipients, Dictionary<Address, ulong> nonces, Op op)
        {
            var key = senders[op.From];
            var validator = chain.ValidatorKeys[op.To % chain.ValidatorKeys.Length].Address;
            var amount = op.Fault.Amount(op.Amount);
            TransactionPayload payload = op.Kind switch
            {
                Kind.Transfer => new Transfer(recipients[op.To % recipients.Length], amount),
                Kind.Bond => new Bond(amount),
                Kind.Delegate => new Delegate(validator, amount),
                Kind.Unbond => new Unbond(validator, amount / 4),
                Kind.Withdraw => new Withdraw(validator),
                _ => new Unjail(),
            };
            var next = nonces.TryGetValue(key.Address, out var n) ? n : chain.Account(key.Address).Nonce;
            var nonce = next;
            if (op.Fault == TransactionFault.BadNonce)
            {
                nonce = op.Amount % 2 == 0 || next == 0 ? next + 1 : next - 1;
            }
            else if (op.Fault.UsesNonce())
            {
                nonces[key.Address] = next + 1;
            }

            var body = new Transaction(op.Fault.ChainId(), nonce, key.PublicKey, op.Fee, payload);
            return op.Fault.Sign(body, key, other: senders[(op.From + 1) % senders.Length]);
        }
    }
}
