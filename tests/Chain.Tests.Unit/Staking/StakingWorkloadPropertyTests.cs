using Chain.Core.Staking;
using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;
using Chain.Protocol.Transactions;
using Chain.Tests.Unit.Core;
using CsCheck;
using static Chain.Tests.Unit.Staking.StakingTestData;
using Delegate = Chain.Protocol.Transactions.Delegate;

namespace Chain.Tests.Unit.Staking;

/// <summary>
/// Random multi-block workloads mixing transfers, bonds, delegations, unbonds, withdrawals, equivocation
/// reports, unjails and validators that go offline. After every block the supply record equals what the
/// state holds, and changes by exactly minted − burned; shares add up; the verifier agrees with the proposer.
/// </summary>
public sealed class StakingWorkloadPropertyTests
{
    private const int Actors = 7;

    private static readonly Gen<ulong> Amount = Gen.Frequency((20, Gen.ULong[1, 2_500]), (1, Gen.Const(0UL)));

    private static readonly Gen<Op> OpGen = Gen.Frequency(
        (3, Gen.Select(Gen.Int[0, Actors - 1], Gen.Int[0, Actors - 1], Amount).Select(Op (f, t, a) => new TransferOp(f, t, a))),
        (3, Gen.Select(Gen.Int[0, Actors - 1], Amount).Select(Op (w, a) => new BondOp(w, a))),
        (3, Gen.Select(Gen.Int[0, Actors - 1], Gen.Int[0, Actors - 1], Amount).Select(Op (w, v, a) => new DelegateOp(w, v, a))),
        (3, Gen.Select(Gen.Int[0, Actors - 1], Gen.Int[0, Actors - 1], Amount).Select(Op (w, v, a) => new UnbondOp(w, v, a))),
        (2, Gen.Select(Gen.Int[0, Actors - 1], Gen.Int[0, Actors - 1]).Select(Op (w, v) => new WithdrawOp(w, v))),
        (1, Gen.Select(Gen.Int[0, Actors - 1], Gen.Int[0, Actors - 1], Gen.Int[0, 5]).Select(Op (r, c, b) => new EvidenceOp(r, c, b))),
        (1, Gen.Int[0, Actors - 1].Select(Op (w) => new UnjailOp(w))));

    private static readonly Gen<BlockPlan> PlanGen = Gen.Select(
        OpGen.Array[0, 8],
        Gen.Frequency((2, Gen.Const(-1)), (3, Gen.Const(Actors - 1)), (1, Gen.Int[0, Actors - 1])),
        Gen.Int[0, 9])
        .Select((ops, offline, proposer) => new BlockPlan(ops, offline, proposer));

    [Fact]
    public void Supply_record_matches_the_state_after_every_block_and_changes_only_by_minted_minus_burned()
    {
        var seen = new System.Collections.Concurrent.ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        PlanGen.Array[1, 20].Sample(plans =>
        {
            var parameters = Quick(epochLength: 3, unbondingPeriod: 3, maxValidators: 4, minSelfBond: 50, blockReward: 97,
                proposerRewardBps: 1_234, doubleSignSlashBps: 2_500, downtimeWindow: 6, maxMissedBlocks: 2, downtimeJailBlocks: 3, downtimeSlashBps: 700);
            var chain = new TestChain(accounts: 4, balance: 5_000, validators: 3, power: 1_000, staking: parameters, validatorBalance: 500);
            var actors = chain.Keys.Concat(chain.ValidatorKeys).ToArray();
            var genesisSupply = chain.Genesis.TotalSupply();
            var tombstoned = new HashSet<Address>();
            var nextSetHash = chain.Validators.Hash;
            foreach (var plan in plans)
            {
                var before = StakingQueries.Supply(chain.Ledger);
                var height = chain.Head.Height + 1;
                var txs = plan.Ops.Select(op => ToTransaction(chain, actors, op, height)).ToList();
                var active = chain.ActiveSet;
                var proposer = chain.KeyOf(active.Validators[plan.Proposer % active.Count].PublicKey);
                var offline = plan.Offline < 0 ? (PublicKey?)null : actors[plan.Offline].PublicKey;
                var offlinePower = active.Validators.FirstOrDefault(v => v.PublicKey == offline)?.Power ?? 0;
                Func<PublicKey, bool>? signs = offline is { } o && active.IsQuorum(active.TotalPower - offlinePower) ? k => k != o : null;

                var block = chain.Step(txs, signs, proposer);

                Assert.Equal(nextSetHash, block.Header.ValidatorSetHash);
                nextSetHash = block.Header.NextValidatorSetHash;
                var after = StakingQueries.Supply(chain.Ledger);
                Assert.Equal(after.Total, chain.CountedSupply());
                Assert.Equal(genesisSupply + after.Minted - after.Burned, after.Total);
                Assert.Equal(before.Total + (after.Minted - before.Minted), after.Total + (after.Burned - before.Burned));
                Assert.Equal(height >= 2 ? 97UL : 0, after.Minted - before.Minted);

                if (block.NextValidators.Hash != block.Validators.Hash)
                {
                    seen.AddOrUpdate("set change", 1, (_, n) => n + 1);
                }

                for (var i = 0; i < block.Transactions.Count; i++)
                {
                    seen.AddOrUpdate($"{block.Transactions[i].Body.Payload.Kind} {block.Receipts[i].Status}", 1, (_, n) => n + 1);
                    if (block.Transactions[i].Body.Payload is ReportEquivocation report)
                    {
                        var culprit = report.Evidence.First.Validator.ToAddress();
                        if (tombstoned.Contains(culprit))
                        {
                            Assert.Equal(ReceiptStatus.ValidatorTombstoned, block.Receipts[i].Status);
                        }
                        else if (block.Receipts[i].Status == ReceiptStatus.Success)
                        {
                            tombstoned.Add(culprit);
                        }
                    }
                }

                Assert.All(block.NextValidators.Validators, v => Assert.True(!tombstoned.Contains(v.Address) || block.NextValidators.Count == 1));
                AssertSharesAddUp(chain, actors);
            }

            if (StakingQueries.Validators(chain.Ledger).Any(v => v.Status == "jailed"))
            {
                seen.AddOrUpdate("jailed", 1, (_, n) => n + 1);
            }
        }, iter: 80);

        // The workload reaches what it claims to: every kind succeeds somewhere, sets change, validators get jailed.
        foreach (var expected in new[] { "Transfer Success", "Bond Success", "Delegate Success", "Unbond Success", "Withdraw Success", "ReportEquivocation Success", "ReportEquivocation ValidatorTombstoned", "set change", "jailed" })
        {
            Assert.True(seen.ContainsKey(expected), $"no sample reached '{expected}': {string.Join(", ", seen.Keys.Order(StringComparer.Ordinal))}");
        }
    }

    private static void AssertSharesAddUp(TestChain chain, KeyPair[] actors)
    {
        foreach (var v in StakingQueries.Validators(chain.Ledger))
        {
            var record = chain.ValidatorRecord(v.Address)!;
            var stakes = actors.SelectMany(a => StakingQueries.Stakes(chain.Ledger, a.Address)).Where(s => s.Validator == v.Address).ToArray();
            Assert.Equal(record.TotalShares, stakes.Aggregate(0UL, (sum, s) => sum + s.Shares));
            Assert.True(stakes.Aggregate(0UL, (sum, s) => sum + s.Tokens) <= record.Tokens);
            Assert.True(stakes.SelectMany(s => s.Unbonding).Aggregate(0UL, (sum, u) => sum + u.Tokens) <= record.UnbondingTokens);
            Assert.False(record.Tombstoned && v.Power > 0 && chain.ActiveSet.Count > 1);
        }
    }

    private static SignedTransaction ToTransaction(TestChain chain, KeyPair[] actors, Op op, ulong height) => op switch
    {
        TransferOp t => chain.Tx(actors[t.From], new Transfer(actors[t.To].Address, t.Amount)),
        BondOp b => chain.Tx(actors[b.Who], new Bond(b.Amount)),
        DelegateOp d => chain.Tx(actors[d.Who], new Delegate(actors[d.Validator].Address, d.Amount)),
        UnbondOp u => chain.Tx(actors[u.Who], UnbondOf(chain, actors, u)),
        WithdrawOp w => chain.Tx(actors[w.Who], new Withdraw(WithdrawTarget(chain, actors, w))),
        EvidenceOp e => chain.Tx(actors[e.Reporter], new ReportEquivocation(Equivocation(actors[e.Culprit], height > (ulong)e.HeightBack ? height - (ulong)e.HeightBack : 1))),
        UnjailOp j => chain.Tx(actors[j.Who], new Unjail()),
        _ => throw new InvalidOperationException(),
    };

    /// <summary>Mostly a validator the sender has unbonding entries with, so withdrawals often find something.</summary>
    private static Address WithdrawTarget(TestChain chain, KeyPair[] actors, WithdrawOp w)
    {
        var unbonding = StakingQueries.Stakes(chain.Ledger, actors[w.Who].Address).Where(s => s.Unbonding.Count > 0).ToArray();
        return unbonding.Length > 0 && w.Validator % 4 != 0 ? unbonding[w.Validator % unbonding.Length].Validator : actors[w.Validator].Address;
    }

    /// <summary>Mostly part of a stake the sender holds, so unbonds often succeed; otherwise as generated.</summary>
    private static Unbond UnbondOf(TestChain chain, KeyPair[] actors, UnbondOp u)
    {
        var stakes = StakingQueries.Stakes(chain.Ledger, actors[u.Who].Address).Where(s => s.Tokens > 0).ToArray();
        if (stakes.Length == 0 || u.Validator % 4 == 0 || u.Amount == 0)
        {
            return new Unbond(actors[u.Validator].Address, u.Amount);
        }

        var stake = stakes[u.Validator % stakes.Length];
        return new Unbond(stake.Validator, (u.Amount % stake.Tokens) + 1);
    }

    private abstract record Op;

    private sealed record TransferOp(int From, int To, ulong Amount) : Op;

    private sealed record BondOp(int Who, ulong Amount) : Op;

    private sealed record DelegateOp(int Who, int Validator, ulong Amount) : Op;

    private sealed record UnbondOp(int Who, int Validator, ulong Amount) : Op;

    private sealed record WithdrawOp(int Who, int Validator) : Op;

    private sealed record EvidenceOp(int Reporter, int Culprit, int HeightBack) : Op;

    private sealed record UnjailOp(int Who) : Op;

    private sealed record BlockPlan(Op[] Ops, int Offline, int Proposer);
}
