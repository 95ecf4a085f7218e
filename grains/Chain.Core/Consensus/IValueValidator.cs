namespace Chain.Core.Consensus;

/// <summary>
/// The host's judgement of a proposed value (it re-executes the block against its own replica).
/// It must be a deterministic function of (height, value): the machine asks at most once per value hash
/// and height, and caches the answer.
/// </summary>
public interface IValueValidator
{
    bool IsValid(ulong height, ProposalValue value);
}
