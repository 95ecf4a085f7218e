using Chain.Core.Staking;
using Chain.Protocol.Blocks;
using Chain.Protocol.Transactions;
using Delegate = Chain.Protocol.Transactions.Delegate;
using Chain.Tests.Unit.Core;
using static Chain.Tests.Unit.Staking.StakingTestData;

namespace Chain.Tests.Unit.Staking;

public sealed class RewardAndDowntimeTests
{
    [Fact]
    public void The_block_reward_goes_to_the_parent_certificate_signers_by_power_plus_the_proposer_bonus_and_the_rounding_dust()
    {
        var chain = new TestChain(accounts: 0, balance: 0, validators: 3, powers: [500, 300, 200], staking: Quick(blockReward: 1_000, proposerRewardBps: 1_000));
        var (v0, v1, v2) = (chain.ValidatorKeys[0], chain.ValidatorKeys[1], chain.ValidatorKeys[2]);
        chain.Step([], signs: k => k != v2.PublicKey);
        Assert.Equal(1_000UL, StakingQueries.TotalSupply(chain.Ledger));

        chain.Step([], proposer: v2);

        // 100 to the proposer (v2); 900 split 500:300 among the signers v0, v1: 562 and 337, 1 unit of dust to v2.
        Assert.Equal(500UL + 562, chain.Record(v0).Tokens);
        Assert.Equal(300UL + 337, chain.Record(v1).Tokens);
        Assert.Equal(200UL + 100 + 1, chain.Record(v2).Tokens);
        var supply = StakingQueries.Supply(chain.Ledger);
        Assert.Equal(new SupplyRecord(2_000, 1_000, 0), supply);
        Assert.Equal(supply.Total, chain.CountedSupply());
    }

    [Fact]
    public void Delegators_share_rewards_pro_rata_through_their_shares()
    {
        var chain = new TestChain(accounts: 1, balance: 10_000, power: 1_000, staking: Quick(blockReward: 600, proposerRewardBps: 0));
        var delegator = chain.Keys[0];
        chain.Step([chain.Tx(delegator, new Delegate(chain.Validator.Address, 2_000))]);
        chain.Step([]);

        // The pool of 3 000 earned 600 in block 2: the delegator's two thirds are worth 2 400, the self-bond 1 200.
        Assert.Equal(2_400UL, chain.StakeValue(delegator.Address, chain.Validator.Address));
        Assert.Equal(1_200UL, chain.StakeValue(chain.Validator.Address, chain.Validator.Address));
    }

    [Fact]
    public void A_validator_that_misses_too_many_blocks_is_jailed_slashed_and_leaves_the_set_from_the_next_block()
    {
        var chain = new TestChain(accounts: 0, balance: 0, validators: 4, power: 1_000,
            staking: Quick(epochLength: 100, blockReward: 0, downtimeWindow: 10, maxMissedBlocks: 3, downtimeJailBlocks: 5, downtimeSlashBps: 100));
        var offline = chain.ValidatorKeys[3];
        bool Online(Chain.Protocol.Crypto.PublicKey k) => k != offline.PublicKey;

        chain.RunTo(4, Online);
        Assert.Equal(3U, chain.Record(offline).MissedCount);
        Assert.False(chain.Record(offline).Jailed);

        var jailing = chain.Step([], Online);
        Assert.Equal(5UL, jailing.Header.Height);
        var record = chain.Record(offline);
        Assert.True(record.Jailed);
        Assert.Equal(10UL, record.JailedUntil);
        Assert.Equal(990UL, record.Tokens);
        Assert.Equal(0U, record.MissedCount);
        Assert.Equal(4, jailing.Validators.Count);
        Assert.Equal(3, jailing.NextValidators.Count);
        Assert.Equal(0UL, PowerOf(jailing.NextValidators, offline.Address));
        Assert.Equal(new SupplyRecord(3_990, 0, 10), StakingQueries.Supply(chain.Ledger));
        Assert.Equal("jailed", StakingQueries.Validators(chain.Ledger).Single(v => v.Address == offline.Address).Status);

        var next = chain.Step([], Online);
        Assert.Equal(jailing.NextValidators.Hash, next.Header.ValidatorSetHash);
    }

    [Fact]
    public void Unjail_is_refused_during_the_jail_and_brings_the_validator_back_at_the_next_epoch_after_it()
    {
        var chain = new TestChain(accounts: 0, balance: 0, validators: 4, power: 1_000, validatorBalance: 100,
            staking: Quick(epochLength: 15, blockReward: 0, downtimeWindow: 10, maxMissedBlocks: 3, downtimeJailBlocks: 5, downtimeSlashBps: 100));
        var offline = chain.ValidatorKeys[3];
        chain.RunTo(5, k => k != offline.PublicKey);
        Assert.True(chain.Record(offline).Jailed);

        var early = chain.Step([chain.Tx(offline, new Unjail())]);
        Assert.Equal(ReceiptStatus.StillJailed, early.Status());
        chain.RunTo(9);
        var unjail = chain.Step([chain.Tx(offline, new Unjail())]);
        Assert.Equal(10UL, unjail.Header.Height);
        Assert.Equal(ReceiptStatus.Success, unjail.Status());
        Assert.Equal("candidate", StakingQueries.Validators(chain.Ledger).Single(v => v.Address == offline.Address).Status);
        Assert.Equal(ReceiptStatus.NotJailed, chain.Step([chain.Tx(offline, new Unjail())]).Status());

        chain.RunTo(14);
        Assert.Equal(3, chain.ActiveSet.Count);
        chain.Step([]);
        Assert.Equal(990UL, PowerOf(chain.ActiveSet, offline.Address));
    }

    [Fact]
    public void Signing_again_clears_old_misses_as_the_window_slides()
    {
        var chain = new TestChain(accounts: 0, balance: 0, validators: 4, power: 1_000,
            staking: Quick(epochLength: 100, blockReward: 0, downtimeWindow: 4, maxMissedBlocks: 3));
        var flaky = chain.ValidatorKeys[3];
        chain.RunTo(3, k => k != flaky.PublicKey);
        Assert.Equal(2U, chain.Record(flaky).MissedCount);

        // Block 3's certificate lacks it too (counted at height 4); the misses at 1, 2 and 3 slide out by height 8.
        chain.RunTo(4);
        Assert.Equal(3U, chain.Record(flaky).MissedCount);
        chain.RunTo(8);
        Assert.Equal(0U, chain.Record(flaky).MissedCount);
        chain.RunTo(40, k => k != flaky.PublicKey || chain.Head.Height % 2 == 0);
        Assert.False(chain.Record(flaky).Jailed);
    }
}
