using Chain.Protocol.Crypto;

namespace Chain.Core.State;

/// <summary>
/// Where the state tree's nodes live, addressed by their hash. Nodes are immutable, so every
/// historical root stays readable for as long as its nodes are kept.
/// </summary>
public interface ITreeNodeSource
{
    /// <summary>The encoded node (<see cref="TreeNode"/>) with this hash, or null if unknown.</summary>
    byte[]? GetNode(Hash32 hash);
}
