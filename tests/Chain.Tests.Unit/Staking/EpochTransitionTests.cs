using Chain.Core.Staking;
using Chain.Protocol.Blocks;
using Chain.Protocol.Transactions;
using Delegate = Chain.Protocol.Transactions.Delegate;
using Chain.Tests.Unit.Core;
using static Chain.Tests.Unit.Staking.StakingTestData;

namespace Chain.Tests.Unit.Staking;

public sealed class EpochTransitionTests
{
    [Fact]
    public void A_new_bond_joins_the_set_exactly_at_the_next_epoch_boundary_with_its_tokens_as_power()
    {
        var chain = new TestChain(accounts: 2, balance: 10_000, power: 1_000, staking: Quick(epochLength: 5));
        var genesisSet = chain.Validators.Hash;
        var joiner = chain.Keys[0];

        var bond = chain.Step([chain.Tx(joiner, new Bond(500))]);
        Assert.Equal(ReceiptStatus.Success, bond.Status());
        Assert.Equal("candidate", StakingQueries.Validators(chain.Ledger).Single(v => v.Address == joiner.Address).Status);

        for (var h = 2UL; h <= 4; h++)
        {
            var block = chain.Step([]);
            Assert.Equal(genesisSet, block.Header.ValidatorSetHash);
            Assert.Equal(genesisSet, block.Header.NextValidatorSetHash);
        }

        var epoch = chain.Step([]);
        Assert.Equal(5UL, epoch.Header.Height);
        Assert.Equal(genesisSet, epoch.Header.ValidatorSetHash);
        Assert.Equal(epoch.NextValidators.Hash, epoch.Header.NextValidatorSetHash);
        Assert.Equal(2, epoch.NextValidators.Count);
        Assert.Equal(500UL, PowerOf(epoch.NextValidators, joiner.Address));
        Assert.Equal(chain.Record(chain.Validator).Tokens, PowerOf(epoch.NextValidators, chain.Validator.Address));

        var after = chain.Step([]);
        Assert.Equal(epoch.NextValidators.Hash, after.Header.ValidatorSetHash);
        Assert.Equal("active", StakingQueries.Validators(chain.Ledger).Single(v => v.Address == joiner.Address).Status);
    }

    [Fact]
    public void A_validator_below_the_minimum_self_bond_is_not_chosen_even_with_large_delegations()
    {
        var chain = new TestChain(accounts: 2, balance: 10_000, power: 1_000, staking: Quick(epochLength: 3, minSelfBond: 100, blockReward: 0));
        var (validator, delegator) = (chain.Keys[0], chain.Keys[1]);
        chain.Step([chain.Tx(validator, new Bond(99)), chain.Tx(delegator, new Delegate(validator.Address, 5_000))]);
        chain.RunTo(3);
        Assert.Equal(chain.Validators.Hash, chain.ActiveSet.Hash);

        chain.Step([chain.Tx(validator, new Bond(1))]);
        chain.RunTo(6);
        Assert.Equal(5_100UL, PowerOf(chain.ActiveSet, validator.Address));
    }

    [Fact]
    public void The_epoch_keeps_the_top_validators_by_tokens_with_ties_broken_by_address()
    {
        var chain = new TestChain(accounts: 4, balance: 10_000, power: 1_000, staking: Quick(epochLength: 2, maxValidators: 3, blockReward: 0));
        chain.Step([.. chain.Keys.Select(k => chain.Tx(k, new Bond(700)))]);
        chain.Step([]);
        var chosen = chain.ActiveSet.Validators.Select(v => v.Address).Order().ToArray();
        var expected = chain.Keys.Select(k => k.Address).Order().Take(2).Append(chain.Validator.Address).Order().ToArray();
        Assert.Equal(expected, chosen);
    }

    [Fact]
    public void Unbonded_stake_keeps_its_power_until_the_next_epoch_and_is_withdrawable_only_after_the_unbonding_period()
    {
        var chain = new TestChain(accounts: 1, balance: 10_000, power: 1_000, staking: Quick(epochLength: 5, unbondingPeriod: 8, blockReward: 0));
        var staker = chain.Keys[0];
        chain.Step([chain.Tx(staker, new Bond(500))]);
        chain.RunTo(5);
        Assert.Equal(500UL, PowerOf(chain.ActiveSet, staker.Address));

        var unbond = chain.Step([chain.Tx(staker, new Unbond(staker.Address, 200))]);
        Assert.Equal(6UL, unbond.Header.Height);
        Assert.Equal(ReceiptStatus.Success, unbond.Status());
        Assert.Equal(300UL, chain.Record(staker).Tokens);
        var entry = StakingQueries.Stakes(chain.Ledger, staker.Address).Single().Unbonding.Single();
        Assert.Equal(new UnbondingView(200, 14), entry);

        chain.RunTo(9);
        Assert.Equal(500UL, PowerOf(chain.ActiveSet, staker.Address));
        chain.Step([]);
        Assert.Equal(300UL, PowerOf(chain.ActiveSet, staker.Address));

        chain.RunTo(12);
        var early = chain.Step([chain.Tx(staker, new Withdraw(staker.Address))]);
        Assert.Equal(13UL, early.Header.Height);
        Assert.Equal(ReceiptStatus.NothingToWithdraw, early.Status());
        var balance = chain.Account(staker.Address).Balance;

        var matured = chain.Step([chain.Tx(staker, new Withdraw(staker.Address))]);
        Assert.Equal(14UL, matured.Header.Height);
        Assert.Equal(ReceiptStatus.Success, matured.Status());
        Assert.Equal(balance - 1 + 200, chain.Account(staker.Address).Balance);
        Assert.Empty(StakingQueries.Stakes(chain.Ledger, staker.Address).Single().Unbonding);
    }

    [Fact]
    public void A_validator_that_unbonds_everything_leaves_at_the_epoch_and_its_empty_record_is_retired_at_the_one_after()
    {
        var chain = new TestChain(accounts: 1, balance: 10_000, power: 1_000, staking: Quick(epochLength: 3, unbondingPeriod: 2, blockReward: 0));
        var staker = chain.Keys[0];
        chain.Step([chain.Tx(staker, new Bond(500))]);
        chain.RunTo(3);
        Assert.Equal(2, chain.ActiveSet.Count);

        chain.Step([chain.Tx(staker, new Unbond(staker.Address, 500))]);
        chain.RunTo(6);
        Assert.Equal(1, chain.ActiveSet.Count);
        chain.Step([chain.Tx(staker, new Withdraw(staker.Address))]);
        Assert.Equal(10_000UL - 1 - 1 - 1, chain.Account(staker.Address).Balance);
        Assert.NotNull(chain.ValidatorRecord(staker.Address));
        chain.RunTo(9);
        Assert.Null(chain.ValidatorRecord(staker.Address));
        Assert.Empty(StakingQueries.Stakes(chain.Ledger, staker.Address));
        Assert.DoesNotContain(StakingQueries.Validators(chain.Ledger), v => v.Address == staker.Address);
    }

    [Fact]
    public void Failed_staking_transactions_pay_their_fee_and_change_nothing_else()
    {
        var chain = new TestChain(accounts: 2, balance: 1_000, power: 1_000, staking: Quick(blockReward: 0));
        var (a, b) = (chain.Keys[0], chain.Keys[1]);
        var block = chain.Step([
            chain.Tx(a, new Bond(5_000)),
            chain.Tx(a, new Delegate(b.Address, 10)),
            chain.Tx(a, new Unbond(chain.Validator.Address, 10)),
            chain.Tx(a, new Withdraw(chain.Validator.Address)),
            chain.Tx(a, new Unjail()),
        ]);
        Assert.Equal(
            [ReceiptStatus.InsufficientBalance, ReceiptStatus.UnknownValidator, ReceiptStatus.InsufficientStake, ReceiptStatus.NothingToWithdraw, ReceiptStatus.UnknownValidator],
            block.Receipts.Select(r => r.Status));
        Assert.Equal(new Chain.Protocol.Proofs.AccountState(995, 5), chain.Account(a.Address));
        Assert.Null(chain.ValidatorRecord(a.Address));
        Assert.Empty(StakingQueries.Stakes(chain.Ledger, a.Address));
    }

    [Fact]
    public void Unbonding_entries_are_bounded_and_entries_of_one_block_merge()
    {
        var chain = new TestChain(accounts: 1, balance: 10_000, power: 1_000, staking: Quick(blockReward: 0, unbondingPeriod: 100));
        var d = chain.Keys[0];
        chain.Step([chain.Tx(d, new Delegate(chain.Validator.Address, 1_000))]);
        var merged = chain.Step([chain.Tx(d, new Unbond(chain.Validator.Address, 10)), chain.Tx(d, new Unbond(chain.Validator.Address, 10))]);
        Assert.All(merged.Receipts, r => Assert.Equal(ReceiptStatus.Success, r.Status));
        Assert.Equal(new UnbondingView(20, 102), StakingQueries.Stakes(chain.Ledger, d.Address).Single().Unbonding.Single());

        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(ReceiptStatus.Success, chain.Step([chain.Tx(d, new Unbond(chain.Validator.Address, 10))]).Status());
        }

        Assert.Equal(ReceiptStatus.StakingLimitReached, chain.Step([chain.Tx(d, new Unbond(chain.Validator.Address, 10))]).Status());
        Assert.Equal(7, StakingQueries.Stakes(chain.Ledger, d.Address).Single().Unbonding.Count);
    }
}
