namespace Chain.Core.Consensus;

/// <summary>
/// Timeout per step: <c>base + round · increment</c>, never more than <see cref="Max"/>. The growth with the round
/// is what makes the protocol live after the network stabilises: eventually every timeout exceeds the real delay.
/// </summary>
public sealed record TimeoutSettings
{
    public static TimeoutSettings Default { get; } = new();

    public TimeSpan ProposeBase { get; init; } = TimeSpan.FromMilliseconds(1000);

    public TimeSpan ProposeIncrement { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan PrevoteBase { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan PrevoteIncrement { get; init; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan PrecommitBase { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan PrecommitIncrement { get; init; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan Max { get; init; } = TimeSpan.FromSeconds(30);
}
