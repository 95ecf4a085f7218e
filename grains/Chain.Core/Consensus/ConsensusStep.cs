namespace Chain.Core.Consensus;

/// <summary>Where a validator is within a round; the order is the order of the steps.</summary>
public enum ConsensusStep : byte
{
    Propose = 1,
    Prevote = 2,
    Precommit = 3,

    /// <summary>The height is decided; the machine ignores it until the next <c>StartHeight</c>.</summary>
    Decided = 4,
}
