using Chain.Core.Execution;
using Chain.Core.Pool;
using Chain.Core.Sharding;
using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;
using Chain.Protocol.Proofs;
using Chain.Protocol.Sharding;
using Chain.Protocol.Transactions;
using Chain.Tests.Unit.Contracts;
using Chain.Tests.Unit.Core;
using CsCheck;

namespace Chain.Tests.Unit.Sharding;

/// <summary>
/// Random asynchronous contract calls mixed with cross-shard transfers over 2..4 shards: callees that succeed, revert or run out of
/// gas, callbacks that succeed, fail or are absent, random delivery delays (the relay delivers a random prefix of each pair's and
/// channel's queue), forged and replayed receipts, and build and verify with different thread counts. Transactions reach blocks
/// through a <see cref="Mempool"/>, whose candidates no block rejects. After every block the total
/// supply equals balances + stake + value in flight (<see cref="CrossShardHarness"/>); after draining, every receipt applied exactly
/// once, every call ended in a callback, and each contract holds exactly the value of the calls that succeeded into it (the
/// caller: of those that failed, refunded).
/// </summary>
public sealed class AsyncCallPropertyTests
{
    private const ulong Gas = 5_000_000;
    private static readonly string[] Methods = ["deposit", "refuse", "burn"];

    private sealed record Op(bool Call, int From, int To, ulong Amount, int Method, byte Mode, int Callee);

    private sealed record Round(Op[] Ops, int DeliverPercent, bool Forge, bool Replay, int Parallelism);

    private sealed record Scenario(ushort Shards, Round[] Rounds);

    private static readonly Gen<Op> OpGen = Gen.Select(Gen.Int[0, 2], Gen.Int[0, 3], Gen.Int[0, 3], Gen.ULong[1, 400], Gen.Int[0, 2], Gen.Byte[0, 2], Gen.Int[0, 2])
        .Select((kind, from, to, amount, method, mode, callee) => new Op(kind > 0, from, to, amount, method, mode, callee));

    private static readonly Gen<Scenario> ScenarioGen = Gen.Select(
        Gen.Int[2, 4],
        Gen.Select(OpGen.Array[0, 5], Gen.Int[0, 100], Gen.Bool, Gen.Bool, Gen.Int[1, 2])
            .Select((ops, deliver, forge, replay, parallelism) => new Round(ops, deliver, forge, replay, parallelism)).Array[3, 7])
        .Select((shards, rounds) => new Scenario((ushort)shards, rounds));

    [Fact]
    public void Random_async_calls_keep_supply_apply_exactly_once_and_end_with_the_value_where_the_outcome_says()
    {
        var totals = new int[4]; // calls, failed calls, failed callbacks, hostile receipts
        ScenarioGen.Sample(s => Run(s, totals), iter: 15, threads: 1);
        Assert.True(totals[0] > 20, $"{totals[0]} calls");
        Assert.True(totals[1] > 5, $"{totals[1]} failed calls");
        Assert.True(totals[2] > 0, "no callback failed");
        Assert.True(totals[3] > 3, $"{totals[3]} hostile receipts");
    }

    private static void Run(Scenario scenario, int[] totals)
    {
        var chain = new TestChain(accounts: 4, balance: 100_000_000, shards: scenario.Shards) { Contracts = ContractBench.Host };
        var harness = new CrossShardHarness(chain);
        var deployer = chain.Keys[0];
        var caller = ContractRecord.DeriveAddress(deployer.Address, 0);
        var deploys = new List<SignedTransaction> { Tx(chain, deployer, new Deploy(AsyncCallFixtures.Caller, [], null, Gas)) };
        var callees = new List<Address>();
        for (var nonce = 1UL; callees.Count < 3; nonce++)
        {
            var address = ContractRecord.DeriveAddress(deployer.Address, nonce);
            deploys.Add(Tx(chain, deployer, new Deploy(AsyncCallFixtures.Callee, [], null, Gas)));
            if (ShardMap.ShardOf(address, scenario.Shards) != ShardMap.ShardOf(caller, scenario.Shards))
            {
                callees.Add(address);
            }
        }

        chain.TrackedAccounts.Add(caller);
        chain.TrackedAccounts.AddRange(callees);
        harness.Step(deploys, []);

        // Transactions go through a mempool, as on a node: its candidates respect the lane order (a sender's transfer after its call
        // waits for the next block), and what a block leaves out stays for the next.
        var pool = new Mempool(capacity: 1_000);
        var nonces = new Dictionary<Address, ulong>();
        var calls = new Dictionary<Hash32, (Address Callee, ulong Amount)>();
        var random = new Random(scenario.Rounds.Length * 31 + scenario.Shards); // test-side relay choices only
        foreach (var round in scenario.Rounds)
        {
            var txs = new List<SignedTransaction>();
            foreach (var op in round.Ops)
            {
                if (op.Call)
                {
                    var callee = callees[op.Callee];
                    var tx = Next(chain, nonces, chain.Keys[op.From], new Call(caller, "send", AsyncContractCallTests.SendArgs(callee, op.Amount, op.Mode, Methods[op.Method]), op.Amount, Gas));
                    calls[tx.Hash] = (callee, op.Amount);
                    txs.Add(tx);
                }
                else if (op.From != op.To)
                {
                    txs.Add(Next(chain, nonces, chain.Keys[op.From], new Transfer(chain.Keys[op.To].Address, op.Amount)));
                }
            }

            foreach (var tx in txs)
            {
                Assert.Equal(TxErrorCode.None, pool.TryAdd(tx, chain.Account(tx.Body.SenderAddress), chain.Parameters.MinFee).Error);
            }

            var (incoming, hostile) = Relay(harness, round, random);
            var block = harness.Step(pool.Candidates(1_000, chain.Account, scenario.Shards), incoming, round.Parallelism, 3 - round.Parallelism);
            Assert.Empty(block.Rejected);
            pool.Prune(block.Transactions, chain.Account);
            totals[3] += hostile.Count;
            foreach (var (entry, problem) in hostile)
            {
                Assert.Contains(block.DroppedIncoming, d => ReferenceEquals(d.Receipt, entry) && d.Problem == problem);
            }

            foreach (var receipt in block.Transactions.Zip(block.Receipts).Where(p => calls.ContainsKey(p.First.Hash)).Select(p => p.Second))
            {
                Assert.Equal(ReceiptStatus.Success, receipt.Status);
                Assert.Equal(0, BitConverter.ToInt32(receipt.Contract!.ReturnData));
            }
        }

        for (var i = 0; i < 20 && (harness.Pending.Count > 0 || pool.Count > 0); i++)
        {
            var block = harness.Step(pool.Candidates(1_000, chain.Account, scenario.Shards), harness.Deliverable());
            Assert.Empty(block.Rejected);
            pool.Prune(block.Transactions, chain.Account);
        }

        Assert.Equal(0, pool.Count);
        Assert.Empty(harness.Pending);
        Assert.Equal(harness.Sent, harness.Applied);
        ulong refunded = 0;
        var kept = callees.ToDictionary(c => c, _ => 0UL);
        foreach (var (origin, (callee, amount)) in calls)
        {
            var outcomes = harness.Outcomes[origin];
            Assert.Equal(2, outcomes.Count);
            Assert.Contains(outcomes[0], new[] { IncomingOutcome.CallSucceeded, IncomingOutcome.CallFailed });
            Assert.Contains(outcomes[1], new[] { IncomingOutcome.CallbackCompleted, IncomingOutcome.CallbackFailed });
            if (outcomes[0] == IncomingOutcome.CallSucceeded)
            {
                kept[callee] += amount;
            }
            else
            {
                refunded += amount;
                totals[1]++;
            }

            totals[0]++;
            totals[2] += outcomes[1] == IncomingOutcome.CallbackFailed ? 1 : 0;
        }

        Assert.Equal(refunded, chain.Account(caller).Balance);
        Assert.All(callees, c => Assert.Equal(kept[c], chain.Account(c).Balance));
    }

    private static SignedTransaction Tx(TestChain chain, KeyPair key, TransactionPayload payload) =>
        chain.Tx(key, payload, ContractExecution.RequiredFee(chain.Parameters.MinFee, payload));

    /// <summary>The sender's next nonce after everything it signed (pending or not), with the fee the payload requires.</summary>
    private static SignedTransaction Next(TestChain chain, Dictionary<Address, ulong> nonces, KeyPair key, TransactionPayload payload)
    {
        var nonce = nonces.TryGetValue(key.Address, out var next) ? next : chain.Account(key.Address).Nonce;
        nonces[key.Address] = nonce + 1;
        return new Transaction(TestChain.Id, nonce, key.PublicKey, ContractExecution.RequiredFee(chain.Parameters.MinFee, payload), payload).Sign(key);
    }

    private static (List<IncomingReceipt> Incoming, List<(IncomingReceipt Entry, IncomingProblem Problem)> Hostile) Relay(CrossShardHarness harness, Round round, Random random)
    {
        var incoming = new List<IncomingReceipt>();
        var hostile = new List<(IncomingReceipt, IncomingProblem)>();
        foreach (var queue in harness.PendingByPair().Select(g => g.ToList()))
        {
            var delivered = queue.Take(queue.Count * round.DeliverPercent / 100).ToList();
            if (round.Forge && delivered.Count > 0 && delivered[0].Receipt.Message is { } message)
            {
                // A forged copy of the next contract receipt (another method) goes first: its proof fails, then the genuine one applies.
                var forged = delivered[0] with { Receipt = delivered[0].Receipt with { Message = message with { Method = message.Method == "burn" ? "deposit" : "burn" } } };
                delivered.Insert(0, forged);
                hostile.Add((forged, IncomingProblem.BadProof));
            }

            incoming.AddRange(delivered);
        }

        if (round.Replay && harness.Applied > 0)
        {
            var shards = harness.Chain.Parameters.ShardCount;
            for (var attempt = 0; attempt < 16; attempt++)
            {
                var id = ((ushort)random.Next(shards), (ushort)random.Next(shards), ShardReceipt.ContractChannel, (ulong)random.Next(3));
                if (harness.SentReceipt(id) is { } sent && !harness.Pending.Contains(sent))
                {
                    var replayed = sent with { };
                    incoming.Add(replayed);
                    hostile.Add((replayed, IncomingProblem.Replayed));
                    break;
                }
            }
        }

        return ([.. incoming.OrderBy(i => i.Receipt.Destination)], hostile);
    }
}
