using Chain.Protocol.Crypto;

namespace Chain.Core.State;

/// <summary>The result of applying changes to a tree: the new root and the nodes created, sorted by hash.</summary>
public sealed record TreeUpdate(Hash32 Root, IReadOnlyList<TreeNode> NewNodes);
