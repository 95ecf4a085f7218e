namespace Chain.Tests.Unit.Consensus;

/// <summary>How the simulated network misbehaves before the global stabilisation time (GST), and how fast it is after.</summary>
internal sealed record NetworkConditions(
    long GstMs,
    int LossPercentBeforeGst,
    int MaxDelayBeforeGstMs,
    int MaxDelayAfterGstMs,
    int[]? PartitionBeforeGst)
{
    public const int MinDelayMs = 1;
}

/// <summary>A participant in the simulation: an honest validator host, a Byzantine validator, or a noisy stranger.</summary>
internal interface ISimulatedNode
{
    void Receive(int from, object message);
}

/// <summary>
/// A deterministic discrete-event network: virtual milliseconds, one seeded <see cref="Random"/>, events ordered by
/// (time, insertion order). Before GST it drops messages at random and across partition lines and delays them up to
/// <see cref="NetworkConditions.MaxDelayBeforeGstMs"/> (so messages also arrive out of order); after GST it delivers
/// everything within <see cref="NetworkConditions.MaxDelayAfterGstMs"/>.
/// </summary>
internal sealed class SimulatedNetwork(int seed, NetworkConditions conditions)
{
    private readonly PriorityQueue<Action, (long Time, long Sequence)> _events = new();
    private long _sequence;

    public Random Random { get; } = new(seed);

    public NetworkConditions Conditions { get; } = conditions;

    public List<ISimulatedNode> Nodes { get; } = [];

    public long Now { get; private set; }

    public long Delivered { get; private set; }

    public void At(long time, Action action) => _events.Enqueue(action, (Math.Max(time, Now), _sequence++));

    public void Send(int from, int to, object message)
    {
        if (from == to)
        {
            return;
        }

        int delay;
        if (Now < Conditions.GstMs)
        {
            if ((Conditions.PartitionBeforeGst is { } groups && groups[from] != groups[to]) || Random.Next(100) < Conditions.LossPercentBeforeGst)
            {
                return;
            }

            delay = Random.Next(NetworkConditions.MinDelayMs, Conditions.MaxDelayBeforeGstMs + 1);
        }
        else
        {
            delay = Random.Next(NetworkConditions.MinDelayMs, Conditions.MaxDelayAfterGstMs + 1);
        }

        At(Now + delay, () =>
        {
            Delivered++;
            Nodes[to].Receive(from, message);
        });
    }

    public void Broadcast(int from, object message)
    {
        for (var to = 0; to < Nodes.Count; to++)
        {
            Send(from, to, message);
        }
    }

    /// <summary>Runs events until <paramref name="done"/> holds, virtual time passes <paramref name="untilMs"/>, or the queue empties.</summary>
    public bool RunUntil(long untilMs, Func<bool> done)
    {
        while (_events.TryPeek(out _, out var key) && key.Time <= untilMs)
        {
            var action = _events.Dequeue();
            Now = key.Time;
            action();
            if (done())
            {
                return true;
            }
        }

        return done();
    }
}
