namespace Chain.Core.Consensus;

/// <summary>How long the host waits before it calls <see cref="ConsensusMachine.OnTimeout"/>. Integer arithmetic only.</summary>
public static class TimeoutPolicy
{
    /// <summary><c>base(step) + round · increment(step)</c>, capped at <see cref="TimeoutSettings.Max"/>.</summary>
    public static TimeSpan Duration(ConsensusStep step, uint round, TimeoutSettings s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var (baseTime, increment) = step switch
        {
            ConsensusStep.Propose => (s.ProposeBase, s.ProposeIncrement),
            ConsensusStep.Prevote => (s.PrevoteBase, s.PrevoteIncrement),
            ConsensusStep.Precommit => (s.PrecommitBase, s.PrecommitIncrement),
            _ => throw new ArgumentOutOfRangeException(nameof(step), step, "only propose, prevote and precommit have timeouts"),
        };

        if (baseTime < TimeSpan.Zero || increment < TimeSpan.Zero || s.Max < TimeSpan.Zero)
        {
            throw new ArgumentException("timeouts must not be negative", nameof(s));
        }

        // Int128 cannot overflow here: a tick count times a u32 is below 2^95.
        var ticks = (Int128)baseTime.Ticks + ((Int128)increment.Ticks * round);
        return ticks >= s.Max.Ticks ? s.Max : TimeSpan.FromTicks((long)ticks);
    }
}
