using Chain.Core.Consensus;

namespace Chain.Tests.Unit.Consensus;

/// <summary>One simulated network configuration: who is faulty and how, and how bad the network is before GST.</summary>
internal sealed record Scenario
{
    public ulong[] Powers { get; init; } = [1, 1, 1, 1];

    /// <summary>Node ids (key indices) of equivocating validators.</summary>
    public int[] Byzantine { get; init; } = [];

    /// <summary>A node that crashes once at a random time, restarting from its persisted state when <see cref="Restarts"/>.</summary>
    public int? Crashes { get; init; }

    public bool Restarts { get; init; }

    public int LossPercentBeforeGst { get; init; } = 25;

    public bool PartitionBeforeGst { get; init; } = true;

    public int MaxDelayBeforeGstMs { get; init; } = 1_500;

    public int MaxDelayAfterGstMs { get; init; } = 150;

    public int MinGstMs { get; init; } = 2_000;

    public int MaxGstMs { get; init; } = 6_000;

    /// <summary>Heights every live honest validator must decide after GST.</summary>
    public int HeightsAfterGst { get; init; } = 3;

    /// <summary>How often a proposer (honest or not) builds a block the validators reject.</summary>
    public int InvalidPercent { get; init; }

    public bool Noise { get; init; }

    public long LivenessDeadlineAfterGstMs { get; init; } = 120_000;
}

/// <summary>What one seeded run of a <see cref="Scenario"/> produced.</summary>
internal sealed record SimulationOutcome(int Seed, IReadOnlyList<string> Failures, SimulationMonitor Monitor, IReadOnlyList<SimulatedValidator> Honest, NoisyStranger? Noise, long Delivered);

/// <summary>Builds the network for a scenario and seed, runs it to GST and then until liveness is shown or the deadline passes.</summary>
internal static class ConsensusSimulation
{
    public static SimulationOutcome Run(Scenario scenario, int seed)
    {
        var n = scenario.Powers.Length;
        var setup = new Random(seed ^ 0x5eed);
        var gst = setup.Next(scenario.MinGstMs, scenario.MaxGstMs + 1);
        // Seeds take turns: a network that only loses and delays; two halves, neither with a quorum; one node cut off.
        int[]? partition = null;
        if (scenario.PartitionBeforeGst && seed % 3 != 0)
        {
            var order = Enumerable.Range(0, n + 1).OrderBy(_ => setup.Next()).ToArray();
            partition = new int[n + 1];
            for (var i = 0; i < order.Length; i++)
            {
                partition[order[i]] = seed % 3 == 1 ? i % 2 : (i == 0 ? 1 : 0);
            }
        }

        var network = new SimulatedNetwork(seed, new NetworkConditions(gst, scenario.LossPercentBeforeGst, scenario.MaxDelayBeforeGstMs, scenario.MaxDelayAfterGstMs, partition));
        var set = ConsensusKit.Set(scenario.Powers);
        var byzantineKeys = scenario.Byzantine.Select(i => ConsensusKit.Key(i).PublicKey).ToHashSet();
        var monitor = new SimulationMonitor(set, byzantineKeys);

        var honest = new List<SimulatedValidator>();
        for (var id = 0; id < n; id++)
        {
            if (scenario.Byzantine.Contains(id))
            {
                network.Nodes.Add(new ByzantineValidator(id, ConsensusKit.Key(id), network, monitor, scenario.InvalidPercent));
            }
            else
            {
                var node = new SimulatedValidator(id, ConsensusKit.Key(id), network, monitor, scenario.InvalidPercent);
                honest.Add(node);
                network.Nodes.Add(node);
            }
        }

        NoisyStranger? noise = null;
        if (scenario.Noise)
        {
            noise = new NoisyStranger(n, n, network, monitor);
            network.Nodes.Add(noise);
            noise.Start();
        }
        else
        {
            network.Nodes.Add(new SilentPeer());
        }

        foreach (var node in honest)
        {
            node.Start();
        }

        SimulatedValidator? crashed = null;
        if (scenario.Crashes is { } crashId)
        {
            crashed = honest.Single(h => h.Id == crashId);
            var crashAt = setup.Next(0, gst + 3_000);
            network.At(crashAt, crashed.Crash);
            if (scenario.Restarts)
            {
                network.At(crashAt + setup.Next(300, 5_000), crashed.Restart);
            }
        }

        network.RunUntil(gst, () => false);
        var target = monitor.HighestDecided + (ulong)scenario.HeightsAfterGst;
        var live = honest.Where(h => h != crashed || scenario.Restarts).ToArray();
        var isLive = network.RunUntil(gst + scenario.LivenessDeadlineAfterGstMs, () => live.All(h => !h.Crashed && h.Height > target));

        var failures = new List<string>(monitor.Failures);
        if (!isLive)
        {
            failures.Add($"liveness: GST at {gst} ms, target height {target}, at {network.Now} ms heights are "
                + string.Join(", ", live.Select(h => $"node {h.Id}: {h.Height} (round {h.MaxRound})")));
        }

        foreach (var node in honest)
        {
            if (node.GuardRefusals > 0)
            {
                failures.Add($"node {node.Id}: the host's double-sign guard had to refuse {node.GuardRefusals} requests");
            }

            var perRound = (4 * n) + RoundMessagesProposals;
            var bound = ((node.MaxRound + (int)ConsensusMachine.MaxRoundsAhead + 1) * perRound) + (2 * (n + 1) * ((int)ConsensusMachine.MaxRoundsAhead + 1));
            if (node.MaxRetained > bound)
            {
                failures.Add($"node {node.Id}: retained {node.MaxRetained} messages, more than the bound {bound}");
            }
        }

        return new SimulationOutcome(seed, failures, monitor, honest, noise, network.Delivered);
    }

    /// <summary>
    /// Runs every seed and fails with each failing seed and what broke, so a failure can be replayed alone.
    /// For a longer soak, <c>CONSENSUS_SIM_SEEDS</c> overrides the number of seeds and <c>CONSENSUS_SIM_FIRST_SEED</c> the first one.
    /// </summary>
    public static IReadOnlyList<SimulationOutcome> RunSeeds(Scenario scenario, int seeds)
    {
        seeds = int.TryParse(Environment.GetEnvironmentVariable("CONSENSUS_SIM_SEEDS"), out var soak) && soak > 0 ? soak : seeds;
        var firstSeed = int.TryParse(Environment.GetEnvironmentVariable("CONSENSUS_SIM_FIRST_SEED"), out var first) ? first : 1;
        var outcomes = new List<SimulationOutcome>(seeds);
        var failed = new List<string>();
        for (var seed = firstSeed; seed < firstSeed + seeds; seed++)
        {
            var outcome = Run(scenario, seed);
            outcomes.Add(outcome);
            if (outcome.Failures.Count > 0)
            {
                failed.Add($"seed {seed}: {string.Join("; ", outcome.Failures.Take(3))}");
            }
        }

        Assert.True(failed.Count == 0, $"{failed.Count} of {seeds} seeds failed:\n{string.Join("\n", failed.Take(10))}");
        return outcomes;
    }

    /// <summary>Writes what the seeds exercised, and checks most decisions came from consensus rather than block sync.</summary>
    public static void Report(ITestOutputHelper output, IReadOnlyList<SimulationOutcome> outcomes)
    {
        var machine = outcomes.Sum(o => o.Monitor.MachineDecisions);
        var synced = outcomes.Sum(o => o.Monitor.SyncedDecisions);
        output.WriteLine($"{outcomes.Count} seeds: {machine} decisions by consensus, {synced} by block sync, "
            + $"max round {outcomes.Max(o => o.Honest.Max(h => h.MaxRound))}, {outcomes.Sum(o => o.Delivered)} deliveries, "
            + $"max retained {outcomes.Max(o => o.Honest.Max(h => h.MaxRetained))}");
        Assert.True(machine > 2 * synced, $"{machine} decisions by consensus, {synced} by block sync: most must come from consensus");
    }

    private const int RoundMessagesProposals = 2;

    private sealed class SilentPeer : ISimulatedNode
    {
        public void Receive(int from, object message)
        {
        }
    }
}
