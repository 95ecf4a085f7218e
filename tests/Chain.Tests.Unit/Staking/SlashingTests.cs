using Chain.Core.Admission;
using Chain.Core.Staking;
using Chain.Protocol.Blocks;
using Chain.Protocol.Transactions;
using Delegate = Chain.Protocol.Transactions.Delegate;
using Chain.Tests.Unit.Core;
using static Chain.Tests.Unit.Staking.StakingTestData;

namespace Chain.Tests.Unit.Staking;

public sealed class SlashingTests
{
    [Fact]
    public void Equivocation_slashes_once_and_delegators_and_unbonding_entries_lose_the_same_share()
    {
        var chain = new TestChain(accounts: 3, balance: 100_000, validators: 4, power: 10_000, validatorBalance: 1_000,
            staking: Quick(epochLength: 4, blockReward: 0, doubleSignSlashBps: 1_000, unbondingPeriod: 50));
        var culprit = chain.ValidatorKeys[1];
        var (alice, bob, reporter) = (chain.Keys[0], chain.Keys[1], chain.Keys[2]);
        chain.Step([chain.Tx(alice, new Delegate(culprit.Address, 4_000)), chain.Tx(bob, new Delegate(culprit.Address, 6_000))]);
        chain.Step([chain.Tx(bob, new Unbond(culprit.Address, 3_000))]);
        var before = chain.Record(culprit);
        Assert.Equal((17_000UL, 3_000UL), (before.Tokens, before.UnbondingTokens));

        var report = chain.Step([chain.Tx(reporter, new ReportEquivocation(Equivocation(culprit, 2)))]);
        Assert.Equal(ReceiptStatus.Success, report.Status());
        var after = chain.Record(culprit);
        Assert.True(after.Tombstoned);
        Assert.Equal((15_300UL, 2_700UL), (after.Tokens, after.UnbondingTokens));
        Assert.Equal(3_600UL, chain.StakeValue(alice.Address, culprit.Address));
        Assert.Equal(2_700UL, chain.StakeValue(bob.Address, culprit.Address));
        Assert.Equal(9_000UL, chain.StakeValue(culprit.Address, culprit.Address));
        Assert.Equal(2_700UL, StakingQueries.Stakes(chain.Ledger, bob.Address).Single().Unbonding.Single().Tokens);
        var supply = StakingQueries.Supply(chain.Ledger);
        Assert.Equal(2_000UL, supply.Burned);
        Assert.Equal(supply.Total, chain.CountedSupply());

        // Out of the set from the next block on.
        Assert.Equal(4, report.Validators.Count);
        Assert.Equal(0UL, PowerOf(report.NextValidators, culprit.Address));

        var again = chain.Step([chain.Tx(reporter, new ReportEquivocation(Equivocation(culprit, 3)))]);
        Assert.Equal(ReceiptStatus.ValidatorTombstoned, again.Status());
        Assert.Equal(after.Encode(), chain.Record(culprit).Encode());
        Assert.Equal(supply.Burned, StakingQueries.Supply(chain.Ledger).Burned);

        // Never again in the set, and no new stake.
        Assert.Equal(ReceiptStatus.ValidatorTombstoned, chain.Step([chain.Tx(alice, new Delegate(culprit.Address, 1))]).Status());
        Assert.Equal(ReceiptStatus.ValidatorTombstoned, chain.Step([chain.Tx(culprit, new Unjail())]).Status());
        chain.RunTo(12);
        Assert.Equal(0UL, PowerOf(chain.ActiveSet, culprit.Address));
        Assert.Equal("tombstoned", StakingQueries.Validators(chain.Ledger).Single(v => v.Address == culprit.Address).Status);

        // Delegators of a tombstoned validator can still leave.
        Assert.Equal(ReceiptStatus.Success, chain.Step([chain.Tx(alice, new Unbond(culprit.Address, 3_600))]).Status());
    }

    [Fact]
    public void Evidence_outside_the_unbonding_period_or_against_an_unknown_key_fails_without_a_slash()
    {
        var chain = new TestChain(accounts: 1, balance: 1_000, validators: 1, power: 1_000, staking: Quick(unbondingPeriod: 3, blockReward: 0));
        var reporter = chain.Keys[0];
        chain.RunTo(5);
        var block = chain.Step([
            chain.Tx(reporter, new ReportEquivocation(Equivocation(chain.Validator, 2))),
            chain.Tx(reporter, new ReportEquivocation(Equivocation(chain.Validator, 7))),
            chain.Tx(reporter, new ReportEquivocation(Equivocation(reporter, 5))),
        ]);
        Assert.Equal([ReceiptStatus.EvidenceOutOfRange, ReceiptStatus.EvidenceOutOfRange, ReceiptStatus.UnknownValidator], block.Receipts.Select(r => r.Status));
        Assert.False(chain.Record(chain.Validator).Tombstoned);
        Assert.Equal(0UL, StakingQueries.Supply(chain.Ledger).Burned);
    }

    [Fact]
    public void Invalid_evidence_is_refused_at_admission_and_never_included_in_a_block()
    {
        var chain = new TestChain(accounts: 1, balance: 1_000, power: 1_000);
        var reporter = chain.Keys[0];
        var good = Equivocation(chain.Validator, 1);
        var otherChain = Equivocation(chain.Validator, 1, chainId: "other-chain");
        var sameVote = new Chain.Protocol.Consensus.DuplicateVoteEvidence(good.First, good.First);
        foreach (var evidence in new[] { otherChain, sameVote })
        {
            var tx = new Transaction(TestChain.Id, 0, reporter.PublicKey, 1, new ReportEquivocation(evidence)).Sign(reporter);
            Assert.Equal(TxErrorCode.InvalidStakingPayload, StatelessAdmission.Check(tx.Encode(), TestChain.Id).Error);
            var block = chain.Propose([tx]);
            Assert.Empty(block.Transactions);
            Assert.Equal(TxErrorCode.InvalidStakingPayload, block.Rejected.Single().Reason);
        }
    }

    [Fact]
    public void The_last_member_of_the_set_is_never_removed_even_when_tombstoned()
    {
        var chain = new TestChain(accounts: 1, balance: 1_000, power: 1_000, staking: Quick(epochLength: 3));
        var report = chain.Step([chain.Tx(chain.Keys[0], new ReportEquivocation(Equivocation(chain.Validator, 1)))]);
        Assert.Equal(ReceiptStatus.Success, report.Status());
        Assert.True(chain.Record(chain.Validator).Tombstoned);
        Assert.Equal(report.Validators.Hash, report.NextValidators.Hash);
        chain.RunTo(7);
        Assert.Equal(1, chain.ActiveSet.Count);
        Assert.Equal(chain.Validator.PublicKey, chain.ActiveSet.Validators.Single().PublicKey);
    }

    [Fact]
    public void A_tombstoned_validator_that_was_fully_withdrawn_keeps_its_tombstone_and_can_never_bond_again()
    {
        var chain = new TestChain(accounts: 1, balance: 10_000, power: 1_000, staking: Quick(epochLength: 3, unbondingPeriod: 1, blockReward: 0));
        var culprit = chain.Keys[0];
        chain.Step([chain.Tx(culprit, new Bond(500))]);
        chain.Step([chain.Tx(culprit, new ReportEquivocation(Equivocation(culprit, 1)))]);
        chain.Step([chain.Tx(culprit, new Unbond(culprit.Address, 475))]);
        chain.Step([chain.Tx(culprit, new Withdraw(culprit.Address))]);
        chain.RunTo(6);
        Assert.True(chain.Record(culprit).Tombstoned);
        Assert.True(chain.Record(culprit).IsEmpty);
        Assert.DoesNotContain(StakingQueries.Validators(chain.Ledger), v => v.Address == culprit.Address);
        Assert.Equal(ReceiptStatus.ValidatorTombstoned, chain.Step([chain.Tx(culprit, new Bond(500))]).Status());
    }
}
