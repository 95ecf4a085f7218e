namespace Chain.Tests.Unit.Consensus;

/// <summary>
/// Property tests on a simulated network with equivocating validators holding less than 1/3 of the power (see
/// <see cref="ByzantineValidator"/>), on top of the network faults of <see cref="NetworkFaultSimulationTests"/>.
/// </summary>
public sealed class ByzantineSimulationTests(ITestOutputHelper output)
{
    private const int Seeds = 100;

    [Fact]
    public void Equivocating_validators_with_less_than_a_third_of_the_power_break_neither_agreement_nor_liveness_and_are_caught()
    {
        var scenario = new Scenario { Powers = [10, 10, 10, 10, 10, 10, 10], Byzantine = [0, 4] };
        var outcomes = ConsensusSimulation.RunSeeds(scenario, Seeds / 2);
        ConsensusSimulation.Report(output, outcomes);
        var caught = outcomes.Count(o => o.Monitor.EvidenceAgainst.Count > 0);
        Assert.True(caught >= outcomes.Count * 9 / 10, $"evidence found in only {caught} of {outcomes.Count} runs");
    }

    [Fact]
    public void A_byzantine_validator_with_almost_a_third_of_the_power_cannot_make_honest_validators_disagree()
    {
        var scenario = new Scenario { Powers = [4, 3, 3, 3], Byzantine = [0], LossPercentBeforeGst = 40 };
        ConsensusSimulation.Report(output, ConsensusSimulation.RunSeeds(scenario, Seeds));
    }

    [Fact]
    public void One_byzantine_and_one_crashed_validator_together_under_a_third_of_the_power_do_not_stop_the_chain()
    {
        var scenario = new Scenario { Powers = [10, 10, 10, 10, 10, 10, 10], Byzantine = [3], Crashes = 5 };
        ConsensusSimulation.Report(output, ConsensusSimulation.RunSeeds(scenario, Seeds / 2));
    }

    [Fact]
    public void Blocks_the_validators_reject_are_never_decided_and_the_chain_moves_on_past_them()
    {
        var scenario = new Scenario { Powers = [4, 3, 3, 3], Byzantine = [0], InvalidPercent = 35 };
        ConsensusSimulation.Report(output, ConsensusSimulation.RunSeeds(scenario, Seeds));
    }
}
