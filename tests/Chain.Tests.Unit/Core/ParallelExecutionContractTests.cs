using Chain.Core.Blocks;
using Chain.Core.Execution;
using Chain.Protocol.Crypto;
using Chain.Protocol.Proofs;
using Chain.Protocol.Transactions;
using Chain.Tests.Unit.Contracts;
using CsCheck;

namespace Chain.Tests.Unit.Core;

/// <summary>
/// Blocks mixing transfers with contract calls (hot counters, nested calls, reverts, out-of-gas) executed sequentially
/// and with 2, 4 and 8 threads: contract state goes through the state view, so both give the same execution.
/// </summary>
public sealed class ParallelExecutionContractTests
{
    private static readonly Lazy<World> Shared = new(() => new World());

    private sealed record Op(int Kind, int From, int Target, ulong Amount);

    private static readonly Gen<Op> OpGen = Gen.Select(Gen.Int[0, 5], Gen.Int[0, 7], Gen.Int[0, 7], Gen.ULong[1, 5_000])
        .Select((kind, from, target, amount) => new Op(kind, from, target, amount));

    [Fact]
    public void Parallel_build_and_replay_equal_sequential_execution_for_blocks_with_contract_calls()
    {
        var world = Shared.Value;
        OpGen.Array[1, 60].Sample(ops =>
        {
            var nonces = new Dictionary<Address, ulong>();
            var candidates = ops.Select(op => world.ToTransaction(op, nonces)).ToList();
            ParallelExecutionComparison.BuildAndReplayAgree(world.Chain.Ledger, world.Context, world.Chain.LastCertificate, candidates);
        }, iter: 12);
    }

    private sealed class World
    {
        public World()
        {
            Chain = new TestChain(accounts: 8, balance: 100_000_000);
            var options = new ExecutionOptions { Contracts = ContractBench.Host };
            var deployer = Chain.Keys[0];
            var deploys = new[] { Fixtures.Counter, Fixtures.Counter, Fixtures.Hostile }
                .Select((code, i) => Sign(deployer, (ulong)i, new Deploy(code, [], null, 2_000_000)))
                .ToList();
            var block = BlockAssembler.Propose(Chain.Head, TestChain.Id, Chain.Parameters, Chain.Validator.Address, Chain.Head.TimeUnixMs + 1000,
                Chain.LastCertificate, Chain.Ledger, Chain.Ledger.Tree, deploys, options);
            Chain.Commit(block);
            Contracts = [.. Enumerable.Range(0, 3).Select(i => ContractRecord.DeriveAddress(deployer.Address, (ulong)i))];
            Assert.All(Contracts, c => Assert.NotNull(Chain.Ledger.Get(StateKeys.Contract(c))));
            Context = new BlockContext(TestChain.Id, Chain.Head.Height + 1, Chain.Head.TimeUnixMs + 1000, Chain.Validator.Address, Chain.Parameters)
            {
                Contracts = ContractBench.Host,
            };
        }

        public TestChain Chain { get; }

        public Address[] Contracts { get; }

        public BlockContext Context { get; }

        public SignedTransaction ToTransaction(Op op, Dictionary<Address, ulong> nonces)
        {
            var key = Chain.Keys[op.From];
            var nonce = nonces.TryGetValue(key.Address, out var next) ? next : Chain.Account(key.Address).Nonce;
            nonces[key.Address] = nonce + 1;
            var counter = Contracts[op.Target % 2];
            TransactionPayload payload = op.Kind switch
            {
                0 => new Transfer(Chain.Keys[op.Target].Address == key.Address ? Contracts[0] : Chain.Keys[op.Target].Address, op.Amount),
                1 => new Call(counter, "increment", [], op.Amount % 3, 1_000_000),
                2 => new Call(counter, "fail_after_write", [], 0, 1_000_000),
                3 => new Call(counter, "call_other", [.. Contracts[(op.Target + 1) % 2].ToArray(), .. "increment"u8], 0, 1_000_000),
                4 => new Call(Contracts[2], "spin", [], 0, 50_000 + op.Amount),
                _ => new Call(counter, "get", [], 0, 1_000_000),
            };
            return Sign(key, nonce, payload);
        }

        private SignedTransaction Sign(KeyPair key, ulong nonce, TransactionPayload payload) =>
            new Transaction(TestChain.Id, nonce, key.PublicKey, ContractExecution.RequiredFee(Chain.Parameters.MinFee, payload), payload).Sign(key);
    }
}
