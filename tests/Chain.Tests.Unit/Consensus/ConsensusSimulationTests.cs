namespace Chain.Tests.Unit.Consensus;

/// <summary>
/// Property tests on a simulated network (see <see cref="SimulatedNetwork"/>): for every seed, honest validators agree,
/// decide only valid blocks with certificates that verify, never sign against their lock or twice, and after GST, with
/// less than 1/3 of the power faulty, all decide the next heights. A failing seed is printed and can be replayed with
/// <see cref="ConsensusSimulation.Run"/>.
/// </summary>
public sealed class ConsensusSimulationTests(ITestOutputHelper output)
{
    private const int Seeds = 100;

    [Fact]
    public void Honest_validators_on_a_lossy_partitioned_network_agree_and_all_decide_after_it_heals()
    {
        var outcomes = ConsensusSimulation.RunSeeds(new Scenario(), Seeds);
        Report(outcomes);
        Assert.Contains(outcomes, o => o.Honest.Any(h => h.MaxRound >= 2));
    }

    [Fact]
    public void With_one_validator_crashed_for_good_the_others_still_decide_after_gst()
    {
        var outcomes = ConsensusSimulation.RunSeeds(new Scenario { Crashes = 2 }, Seeds);
        Report(outcomes);
    }

    [Fact]
    public void A_validator_restarted_from_its_snapshot_never_signs_against_its_lock_and_catches_up()
    {
        var outcomes = ConsensusSimulation.RunSeeds(new Scenario { Crashes = 1, Restarts = true, MaxGstMs = 10_000 }, Seeds);
        Report(outcomes);
        var restartsWithLock = outcomes.Sum(o => o.Honest.Sum(h => h.RestartsWithLock));
        Assert.True(restartsWithLock > 0, "no run restarted a validator that held a lock; the scenario tests nothing");
    }

    [Fact]
    public void Equivocating_validators_with_less_than_a_third_of_the_power_break_neither_agreement_nor_liveness_and_are_caught()
    {
        var scenario = new Scenario { Powers = [10, 10, 10, 10, 10, 10, 10], Byzantine = [0, 4] };
        var outcomes = ConsensusSimulation.RunSeeds(scenario, Seeds / 2);
        Report(outcomes);
        var caught = outcomes.Count(o => o.Monitor.EvidenceAgainst.Count > 0);
        Assert.True(caught >= outcomes.Count * 9 / 10, $"evidence found in only {caught} of {outcomes.Count} runs");
    }

    [Fact]
    public void A_byzantine_validator_with_almost_a_third_of_the_power_cannot_make_honest_validators_disagree()
    {
        var scenario = new Scenario { Powers = [4, 3, 3, 3], Byzantine = [0], LossPercentBeforeGst = 40, MaxGstMs = 12_000 };
        Report(ConsensusSimulation.RunSeeds(scenario, Seeds));
    }

    [Fact]
    public void One_byzantine_and_one_crashed_validator_together_under_a_third_of_the_power_do_not_stop_the_chain()
    {
        var scenario = new Scenario { Powers = [10, 10, 10, 10, 10, 10, 10], Byzantine = [3], Crashes = 5 };
        Report(ConsensusSimulation.RunSeeds(scenario, Seeds / 2));
    }

    [Fact]
    public void Blocks_the_validators_reject_are_never_decided_and_the_chain_moves_on_past_them()
    {
        var scenario = new Scenario { Powers = [4, 3, 3, 3], Byzantine = [0], InvalidPercent = 35 };
        var outcomes = ConsensusSimulation.RunSeeds(scenario, Seeds);
        Report(outcomes);
    }

    [Fact]
    public void A_flood_of_bad_input_is_rejected_with_bounded_memory_and_the_chain_still_decides()
    {
        var outcomes = ConsensusSimulation.RunSeeds(new Scenario { Noise = true }, Seeds / 2);
        Report(outcomes);
        Assert.All(outcomes, o => Assert.True(o.Honest.Sum(h => h.Rejected) > o.Noise!.Sent / 2, $"seed {o.Seed}: bad input was not rejected"));
    }

    private void Report(IReadOnlyList<SimulationOutcome> outcomes)
    {
        var machine = outcomes.Sum(o => o.Monitor.MachineDecisions);
        var synced = outcomes.Sum(o => o.Monitor.SyncedDecisions);
        output.WriteLine($"{outcomes.Count} seeds: {machine} decisions by consensus, {synced} by block sync, max round {outcomes.Max(o => o.Honest.Max(h => h.MaxRound))}, "
            + $"{outcomes.Sum(o => o.Delivered)} deliveries, max retained {outcomes.Max(o => o.Honest.Max(h => h.MaxRetained))}");
        Assert.True(machine > synced, "most decisions must come from consensus, not from block sync");
    }
}
