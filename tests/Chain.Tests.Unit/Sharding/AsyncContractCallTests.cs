using Chain.Core.Blocks;
using Chain.Core.Execution;
using Chain.Core.Sharding;
using Chain.Protocol;
using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;
using Chain.Protocol.Proofs;
using Chain.Protocol.Sharding;
using Chain.Protocol.Transactions;
using Chain.Tests.Unit.Contracts;
using Chain.Tests.Unit.Core;

namespace Chain.Tests.Unit.Sharding;

/// <summary>
/// Asynchronous cross-shard contract calls over several blocks (docs/protocol.md §13.4): contract A on one shard calls contract B
/// on another with <c>call_async</c>; a later block runs B, a later one A's callback. Every block is proposed, verified (with
/// another thread count: both must agree root for root) and committed by <see cref="CrossShardHarness"/>, which checks that the
/// total supply equals balances + stake + value in flight (call receipts included) after every block and that no receipt applies
/// twice.
/// </summary>
public sealed class AsyncContractCallTests
{
    private const ulong Gas = 5_000_000;

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void A_call_runs_the_callee_with_the_value_and_the_callback_sees_ok_and_the_return_data(ushort shards)
    {
        var world = new World(shards);
        var sent = world.Send(world.Callee, 300, mode: 0, "deposit", value: 1_000);
        Assert.Equal(0, BitConverter.ToInt32(sent.Contract!.ReturnData));
        Assert.Equal(700UL, world.Balance(world.Caller));
        var call = Assert.Single(world.Harness.Pending).Receipt;
        Assert.Equal((ShardReceiptKind.Call, world.CallerShard, world.CalleeShard, 300UL), (call.Kind, call.Source, call.Destination, call.Amount));
        Assert.Equal(("deposit", "on_done", 300_000UL, 300_000UL), (call.Message!.Method, call.Message.Callback, call.Message.GasLimit, call.Message.CallbackGas));
        Assert.Equal("hello"u8.ToArray(), call.Message.Data);
        Assert.Equal(world.LastHash, call.Origin);

        var applied = world.Deliver();
        Assert.Equal([IncomingOutcome.CallSucceeded], applied.IncomingOutcomes);
        Assert.Equal("hello"u8.ToArray(), world.Storage(world.Callee, "args")!);
        Assert.Equal(300UL, BitConverter.ToUInt64(world.Storage(world.Callee, "got")));
        Assert.Equal(300UL, world.Balance(world.Callee));
        var callback = Assert.Single(world.Harness.Pending).Receipt;
        Assert.Equal((ShardReceiptKind.Callback, world.CalleeShard, world.CallerShard, 0UL, call.Origin), (callback.Kind, callback.Source, callback.Destination, callback.Amount, callback.Origin));

        var returned = world.Deliver();
        Assert.Equal([IncomingOutcome.CallbackCompleted], returned.IncomingOutcomes);
        Assert.Equal([(byte)ReceiptStatus.Success], world.Storage(world.Caller, "status")!);
        Assert.Equal("thanks"u8.ToArray(), world.Storage(world.Caller, "data")!);
        Assert.Equal(0UL, BitConverter.ToUInt64(world.Storage(world.Caller, "value")));
        Assert.Equal(world.Callee.ToArray(), world.Storage(world.Caller, "caller"));
        Assert.Equal(700UL, world.Balance(world.Caller));
        Assert.Empty(world.Harness.Pending);
        Assert.Equal(world.Harness.Sent, world.Harness.Applied);
        Assert.Equal([IncomingOutcome.CallSucceeded, IncomingOutcome.CallbackCompleted], world.Harness.Outcomes[call.Origin]);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void A_callee_that_reverts_keeps_nothing_and_the_value_comes_back_to_the_callback_with_the_reason(ushort shards)
    {
        var world = new World(shards);
        world.Send(world.Callee, 200, mode: 0, "refuse", value: 1_000);
        Assert.Equal(800UL, world.Balance(world.Caller));

        Assert.Equal([IncomingOutcome.CallFailed], world.Deliver().IncomingOutcomes);
        Assert.Null(world.Storage(world.Callee, "x"));
        Assert.Equal(0UL, world.Balance(world.Callee));
        var callback = Assert.Single(world.Harness.Pending).Receipt;
        Assert.Equal((200UL, ReceiptStatus.Reverted), (callback.Amount, callback.Message!.Status));

        Assert.Equal([IncomingOutcome.CallbackCompleted], world.Deliver().IncomingOutcomes);
        Assert.Equal([(byte)ReceiptStatus.Reverted], world.Storage(world.Caller, "status")!);
        Assert.Equal("no thanks"u8.ToArray(), world.Storage(world.Caller, "data")!);
        Assert.Equal(200UL, BitConverter.ToUInt64(world.Storage(world.Caller, "value")));
        Assert.Equal(1_000UL, world.Balance(world.Caller));
    }

    [Fact]
    public void Calls_to_a_missing_contract_or_one_that_runs_out_of_gas_are_refunded_with_their_status()
    {
        var world = new World(2);
        var nowhere = world.AddressOn(world.CalleeShard, "nowhere");
        world.Send(nowhere, 50, mode: 0, "deposit", value: 1_000);
        world.Send(world.Callee, 70, mode: 0, "burn");
        Assert.Equal(880UL, world.Balance(world.Caller));
        Assert.Equal([IncomingOutcome.CallFailed, IncomingOutcome.CallFailed], world.Deliver().IncomingOutcomes);
        Assert.Equal(
            [(50UL, ReceiptStatus.UnknownContract), (70UL, ReceiptStatus.OutOfGas)],
            world.Harness.Pending.Select(p => (p.Receipt.Amount, p.Receipt.Message!.Status)));
        Assert.Equal([IncomingOutcome.CallbackCompleted, IncomingOutcome.CallbackCompleted], world.Deliver().IncomingOutcomes);
        Assert.Equal(1_000UL, world.Balance(world.Caller));
        Assert.Equal([(byte)ReceiptStatus.OutOfGas], world.Storage(world.Caller, "status")!);
    }

    [Fact]
    public void A_callback_that_fails_or_none_at_all_still_returns_the_refund_to_the_caller()
    {
        var world = new World(2);
        world.Send(world.Callee, 100, mode: 1, "refuse", value: 1_000);
        world.Send(world.Callee, 40, mode: 2, "refuse");
        Assert.Equal(860UL, world.Balance(world.Caller));
        world.Deliver();
        Assert.Equal([IncomingOutcome.CallbackFailed, IncomingOutcome.CallbackCompleted], world.Deliver().IncomingOutcomes);
        Assert.Null(world.Storage(world.Caller, "status")); // bad_done's write was rolled back
        Assert.Equal(1_000UL, world.Balance(world.Caller));
    }

    [Fact]
    public void Nothing_is_sent_when_the_sending_frame_reverts_and_a_same_shard_callee_is_refused_with_status_2()
    {
        var world = new World(2);
        var reverted = world.Send(world.Callee, 100, mode: 3, "deposit", value: 1_000);
        Assert.Equal(ReceiptStatus.Reverted, reverted.Status);
        Assert.Empty(world.Harness.Pending);
        Assert.Equal(0UL, world.Balance(world.Caller));

        var own = world.Send(world.Caller, 0, mode: 0, "deposit");
        Assert.Equal(2, BitConverter.ToInt32(own.Contract!.ReturnData));
        Assert.Empty(world.Harness.Pending);
    }

    [Fact]
    public void A_synchronous_call_to_a_contract_on_another_shard_fails_with_status_2_and_changes_nothing()
    {
        var world = new World(2);
        var receipt = world.Execute(new Call(world.Caller, "sync", [.. world.Callee.ToArray(), .. "deposit"u8], 0, Gas));
        Assert.Equal(ReceiptStatus.Success, receipt.Status);
        Assert.Equal(2, BitConverter.ToInt32(receipt.Contract!.ReturnData));
        Assert.Null(world.Storage(world.Callee, "args"));
    }

    [Fact]
    public void Call_and_callback_receipts_apply_exactly_once_and_forged_ones_are_refused()
    {
        var world = new World(2);
        world.Send(world.Callee, 300, mode: 0, "deposit", value: 1_000);
        var call = Assert.Single(world.Harness.Pending);
        world.Deliver();

        // Replayed: the proposer leaves it out, and a block carrying it is invalid.
        var replay = world.Harness.Chain.Propose([], [call], new ExecutionOptions());
        Assert.Equal(IncomingProblem.Replayed, Assert.Single(replay.DroppedIncoming).Problem);
        var carrying = replay.ToBlock() with { Incoming = [call] };
        var (verified, error) = world.Harness.Chain.Verify(carrying);
        Assert.Null(verified);
        Assert.Contains("Replayed", error, StringComparison.Ordinal);

        // Forged: more value, or another method, than the source chunk sent.
        var callback = Assert.Single(world.Harness.Pending);
        var moreValue = callback with { Receipt = callback.Receipt with { Amount = 1_000_000 } };
        var otherMethod = callback with { Receipt = callback.Receipt with { Message = callback.Receipt.Message! with { Method = "bad_done" } } };
        var forged = world.Harness.Chain.Propose([], [moreValue, otherMethod], new ExecutionOptions());
        Assert.Equal([IncomingProblem.BadProof, IncomingProblem.BadProof], forged.DroppedIncoming.Select(d => d.Problem));

        // A contract receipt is applied by lane 0, whatever its destination: the destination's transfer lane refuses it.
        Assert.Equal(IncomingProblem.WrongDestination, CrossShard.Check(world.Harness.Chain.Ledger, 2, callback.Receipt.Destination == 0 ? (ushort)1 : callback.Receipt.Destination, callback));
        Assert.Equal(world.Harness.Sent - 1, world.Harness.Applied);
        world.Deliver();
        Assert.Equal(world.Harness.Sent, world.Harness.Applied);
    }

    [Fact]
    public void A_block_over_the_contract_receipt_byte_limit_is_invalid_and_a_proposer_keeps_under_it()
    {
        var world = new World(2);
        var big = ShardCodecTests.ContractCall(new byte[ProtocolLimits.MaxContractReceiptDataBytes]) with { Source = world.CallerShard, Destination = world.CalleeShard };
        var count = (ProtocolLimits.MaxContractIncomingBytesPerBlock / new IncomingReceipt(big, 0, 1, []).EncodedLength) + 1;
        var incoming = Enumerable.Range(0, count).Select(i => new IncomingReceipt(big with { Sequence = (ulong)i }, 0, 1, [])).ToArray();
        var block = world.Harness.Chain.Propose([], [], new ExecutionOptions()).ToBlock() with { Incoming = incoming };
        var (verified, error) = world.Harness.Chain.Verify(block);
        Assert.Null(verified);
        Assert.Contains("bytes of contract receipts", error, StringComparison.Ordinal);

        // A proposer takes what fits (these are unproven, so each is then dropped, but none beyond the budget is even checked).
        var proposed = world.Harness.Chain.Propose([], incoming, new ExecutionOptions());
        Assert.Equal(count - 1, proposed.DroppedIncoming.Count);
    }

    [Fact]
    public void Transfer_and_contract_receipts_of_one_shard_pair_number_their_sequences_apart_and_apply_in_one_block()
    {
        var world = new World(2);
        var chain = world.Harness.Chain;
        var sender = chain.Keys.First(k => ShardMap.ShardOf(k.Address, 2) == world.CallerShard);
        var recipient = chain.Keys.First(k => ShardMap.ShardOf(k.Address, 2) == world.CalleeShard);
        var call = world.Tx(new Call(world.Caller, "send", SendArgs(world.Callee, 10, 0, "deposit"), 100, Gas));
        var transfer = chain.Tx(sender, new Transfer(recipient.Address, 5));
        var block = world.Harness.Step([transfer, call], []);
        var sent = block.Outgoing.Where(r => r.Source == world.CallerShard).ToArray();
        Assert.Equal([(ShardReceipt.TransferChannel, 0UL), (ShardReceipt.ContractChannel, 0UL)], sent.Select(r => (r.Channel, r.Sequence)));

        var both = world.Harness.Step([], world.Harness.Deliverable(), buildParallelism: 2, verifyParallelism: 1);
        Assert.Equal([IncomingOutcome.Credited, IncomingOutcome.CallSucceeded], both.IncomingOutcomes);
        world.Deliver();
        Assert.Empty(world.Harness.Pending);
    }

    [Fact]
    public void The_courier_example_built_with_the_sdk_forwards_value_across_shards_and_records_the_reply_or_the_refund()
    {
        var courier = File.ReadAllBytes(Path.Combine(RepositoryRoot(), "contracts", "build", "courier.wasm"));
        var world = new World(2, courier, courier);
        string Send(string method, string message) =>
            $$"""{"to":"{{world.Callee}}","method":"{{method}}","message":"{{message.Replace("\"", "\\\"", StringComparison.Ordinal)}}","gas":500000}""";

        var sent = world.Execute(new Call(world.Caller, "send", System.Text.Encoding.UTF8.GetBytes(Send("echo", """{"text":"hi"}""")), 1_000, Gas));
        Assert.True(sent.Status == ReceiptStatus.Success, System.Text.Encoding.UTF8.GetString(sent.Contract!.Message));
        Assert.Equal("""{"status":255,"reply":"","refund":"0"}""", world.Query(world.Caller, "last"));
        Assert.Equal([IncomingOutcome.CallSucceeded], world.Deliver().IncomingOutcomes);
        Assert.Equal(1_000UL, world.Balance(world.Callee));
        Assert.Equal([IncomingOutcome.CallbackCompleted], world.Deliver().IncomingOutcomes);
        Assert.Equal("""{"status":0,"reply":"{\"echo\":\"hi\",\"kept\":\"1000\"}","refund":"0"}""", world.Query(world.Caller, "last"));

        world.Execute(new Call(world.Caller, "send", System.Text.Encoding.UTF8.GetBytes(Send("refuse", "{}")), 500, Gas));
        Assert.Equal(0UL, world.Balance(world.Caller));
        world.Deliver();
        Assert.Equal([IncomingOutcome.CallbackCompleted], world.Deliver().IncomingOutcomes);
        Assert.Equal("""{"status":12,"reply":"refused","refund":"500"}""", world.Query(world.Caller, "last"));
        Assert.Equal(500UL, world.Balance(world.Caller));
        Assert.Equal(1_000UL, world.Balance(world.Callee));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Chain.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("no Chain.sln above the test output directory");
    }

    internal static byte[] SendArgs(Address callee, ulong value, byte mode, string method) =>
        [.. callee.ToArray(), .. BitConverter.GetBytes(value), mode, .. System.Text.Encoding.ASCII.GetBytes(method)];

    /// <summary>A sharded chain with the caller contract on one shard and the callee on another, deployed and committed.</summary>
    private sealed class World
    {
        public World(ushort shards, byte[]? callerCode = null, byte[]? calleeCode = null)
        {
            var chain = new TestChain(accounts: 4, balance: 100_000_000, shards: shards) { Contracts = ContractBench.Host };
            Harness = new CrossShardHarness(chain);
            Deployer = chain.Keys[0];
            Caller = ContractRecord.DeriveAddress(Deployer.Address, 0);
            CallerShard = ShardMap.ShardOf(Caller, shards);
            var deploys = new List<SignedTransaction> { Tx(new Deploy(callerCode ?? AsyncCallFixtures.Caller, [], null, Gas)) };
            for (var nonce = 1UL; ; nonce++)
            {
                var address = ContractRecord.DeriveAddress(Deployer.Address, nonce);
                deploys.Add(Tx(new Deploy(calleeCode ?? AsyncCallFixtures.Callee, [], null, Gas)));
                if (ShardMap.ShardOf(address, shards) != CallerShard)
                {
                    Callee = address;
                    break;
                }
            }

            CalleeShard = ShardMap.ShardOf(Callee, shards);
            chain.TrackedAccounts.AddRange([Caller, Callee]);
            var block = Harness.Step(deploys, []);
            Assert.All(block.Receipts, r => Assert.Equal(ReceiptStatus.Success, r.Status));
        }

        public CrossShardHarness Harness { get; }

        public KeyPair Deployer { get; }

        public Address Caller { get; }

        public Address Callee { get; }

        public ushort CallerShard { get; }

        public ushort CalleeShard { get; }

        public Hash32 LastHash { get; private set; }

        public SignedTransaction Tx(TransactionPayload payload) =>
            Harness.Chain.Tx(Deployer, payload, ContractExecution.RequiredFee(Harness.Chain.Parameters.MinFee, payload));

        /// <summary>One block with one contract call from the deployer; returns its receipt.</summary>
        public Receipt Execute(Call call)
        {
            var tx = Tx(call);
            LastHash = tx.Hash;
            var block = Harness.Step([tx], [], buildParallelism: 2, verifyParallelism: 1);
            return Assert.Single(block.Receipts);
        }

        public Receipt Send(Address callee, ulong amount, byte mode, string method, ulong value = 0) =>
            Execute(new Call(Caller, "send", SendArgs(callee, amount, mode, method), value, Gas));

        /// <summary>One block that applies everything in flight.</summary>
        public ProposedBlock Deliver()
        {
            var block = Harness.Step([], Harness.Deliverable(), buildParallelism: 1, verifyParallelism: 2);
            Assert.Empty(block.DroppedIncoming);
            return block;
        }

        public ulong Balance(Address address) => Harness.Chain.Account(address).Balance;

        /// <summary>A read-only call against the committed state; its return data as text.</summary>
        public string Query(Address contract, string method)
        {
            var chain = Harness.Chain;
            var context = new BlockContext(TestChain.Id, chain.Head.Height + 1, chain.Head.TimeUnixMs + 1000, chain.Validator.Address, chain.Parameters);
            var result = ContractBench.Host.Query(chain.Ledger, context, new ContractQuery(contract, method, [], Gas));
            Assert.True(result.Succeeded, result.Message);
            return System.Text.Encoding.UTF8.GetString(result.ReturnData);
        }

        public byte[]? Storage(Address contract, string key) => Harness.Chain.Ledger.Get(StateKeys.ContractStorage(contract, System.Text.Encoding.ASCII.GetBytes(key)));

        public Address AddressOn(ushort shard, string seed)
        {
            for (var i = 0; ; i++)
            {
                var address = new Address(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.ASCII.GetBytes($"{seed}{i}")).AsSpan(0, 20));
                if (ShardMap.ShardOf(address, Harness.Chain.Parameters.ShardCount) == shard)
                {
                    return address;
                }
            }
        }
    }
}
