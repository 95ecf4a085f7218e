using Chain.Core.Consensus;

namespace Chain.Tests.Unit.Consensus;

/// <summary>Timeouts grow linearly with the round, so after the network stabilises they eventually exceed its delay, and they are capped.</summary>
public sealed class TimeoutPolicyTests
{
    [Theory]
    [InlineData(ConsensusStep.Propose, 0U, 1000)]
    [InlineData(ConsensusStep.Propose, 3U, 2500)]
    [InlineData(ConsensusStep.Prevote, 0U, 500)]
    [InlineData(ConsensusStep.Prevote, 4U, 1500)]
    [InlineData(ConsensusStep.Precommit, 2U, 1000)]
    [InlineData(ConsensusStep.Propose, 58U, 30_000)]
    [InlineData(ConsensusStep.Precommit, uint.MaxValue, 30_000)]
    public void The_default_timeout_is_base_plus_round_times_increment_capped_at_thirty_seconds(ConsensusStep step, uint round, int milliseconds)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), TimeoutPolicy.Duration(step, round, TimeoutSettings.Default));
    }

    [Fact]
    public void Custom_settings_are_honoured_and_a_decided_height_has_no_timeout()
    {
        var fast = TimeoutSettings.Default with { PrevoteBase = TimeSpan.FromMilliseconds(10), PrevoteIncrement = TimeSpan.FromMilliseconds(1), Max = TimeSpan.FromMilliseconds(12) };
        Assert.Equal(TimeSpan.FromMilliseconds(11), TimeoutPolicy.Duration(ConsensusStep.Prevote, 1, fast));
        Assert.Equal(TimeSpan.FromMilliseconds(12), TimeoutPolicy.Duration(ConsensusStep.Prevote, 9, fast));
        Assert.Throws<ArgumentOutOfRangeException>(() => TimeoutPolicy.Duration(ConsensusStep.Decided, 0, fast));
    }
}
