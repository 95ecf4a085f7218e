using System.Text.Json.Nodes;
using Chain.Core.Blocks;
using Chain.Core.Staking;
using Chain.Protocol.Files;
using Chain.Protocol.Genesis;
using Chain.Tests.Unit.Core;
using static Chain.Tests.Unit.Staking.StakingTestData;

namespace Chain.Tests.Unit.Staking;

public sealed class GenesisStakingTests
{
    [Fact]
    public void Genesis_validators_start_self_bonded_with_their_power_and_the_supply_record_is_the_documents_total()
    {
        var chain = new TestChain(accounts: 2, balance: 700, validators: 3, powers: [100, 200, 300]);
        Assert.Equal(chain.Validators.Hash, StakingQueries.ActiveSet(chain.Ledger).Hash);
        Assert.Null(StakingQueries.PreviousSet(chain.Ledger));
        Assert.Equal(new SupplyRecord(2_000, 0, 0), StakingQueries.Supply(chain.Ledger));
        Assert.Equal(chain.Genesis.TotalSupply(), chain.CountedSupply());

        var views = StakingQueries.Validators(chain.Ledger);
        Assert.Equal(chain.ValidatorKeys.Select(k => k.Address).Order(), views.Select(v => v.Address));
        foreach (var view in views)
        {
            var power = PowerOf(chain.Validators, view.Address);
            Assert.Equal(("active", power, power, power), (view.Status, view.Tokens, view.Power, view.SelfStake));
            var stake = StakingQueries.Stakes(chain.Ledger, view.Address).Single();
            Assert.Equal((view.Address, power), (stake.Validator, stake.Tokens));
        }
    }

    [Fact]
    public void The_genesis_state_is_the_same_whatever_the_order_of_the_validators_given()
    {
        var a = new TestChain(accounts: 1, balance: 5, validators: 4, powers: [4, 3, 2, 1]);
        var b = new TestChain(accounts: 1, balance: 5, validators: 4, powers: [4, 3, 2, 1]);
        var reordered = b.Genesis with { Validators = new Chain.Protocol.Blocks.ValidatorSet(b.Genesis.Validators.Validators.Reverse()) };
        var ledger = new MemoryLedger();
        ledger.Commit(GenesisState.Changes(reordered));
        Assert.Equal(a.Ledger.Root, ledger.Root);
    }

    [Fact]
    public void Genesis_json_carries_the_staking_parameters_and_fills_in_missing_ones_with_the_defaults()
    {
        var chain = new TestChain(accounts: 1, balance: 5, staking: Quick(epochLength: 7, maxMissedBlocks: 4));
        var json = GenesisFile.ToJson(chain.Genesis);
        Assert.Contains("\"epochLength\": 7", json, StringComparison.Ordinal);
        var parsed = GenesisFile.FromJson(json);
        Assert.Equal(chain.Genesis.Parameters.Staking, parsed.Parameters.Staking);
        Assert.Equal(chain.Genesis.Hash(), parsed.Hash());

        var partial = JsonNode.Parse(json)!;
        partial["parameters"]!["staking"]!.AsObject().Remove("epochLength");
        var parsedPartial = GenesisFile.FromJson(partial.ToJsonString());
        Assert.Equal(StakingParameters.Default.EpochLength, parsedPartial.Parameters.Staking.EpochLength);
        Assert.Equal(4U, parsedPartial.Parameters.Staking.MaxMissedBlocks);

        var without = JsonNode.Parse(json)!;
        without["parameters"]!.AsObject().Remove("staking");
        var noStaking = GenesisFile.FromJson(without.ToJsonString());
        Assert.Equal(StakingParameters.Default, noStaking.Parameters.Staking);
    }

    [Fact]
    public void Genesis_json_with_unusable_staking_parameters_is_refused()
    {
        var chain = new TestChain(accounts: 1, balance: 5, staking: Quick(downtimeWindow: 10, maxMissedBlocks: 4));
        var json = GenesisFile.ToJson(chain.Genesis).Replace("\"maxMissedBlocks\": 4", "\"maxMissedBlocks\": 11", StringComparison.Ordinal);
        var error = Assert.Throws<InvalidDataException>(() => GenesisFile.FromJson(json));
        Assert.Contains("maxMissedBlocks", error.Message, StringComparison.Ordinal);
    }
}
