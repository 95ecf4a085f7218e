using Chain.Protocol.Crypto;
using Chain.Protocol.Proofs;

namespace Chain.Core.State;

/// <summary>
/// The authenticated state map: a binary sparse Merkle tree with path compression (a subtree holding a
/// single key is stored and hashed as that key's leaf), over immutable nodes addressed by hash.
/// A read or proof touches one node per level, about log2(n) for n keys; an update of k keys creates
/// O(k·log n) nodes. Deterministic: the same key/value set gives the same root whatever the insertion order.
/// </summary>
public sealed partial class SparseMerkleTree(ITreeNodeSource nodes)
{
    private const int MaxDepth = 256;

    /// <summary>Decoded nodes kept in memory; past this many the cache starts over.</summary>
    public const int CacheCapacity = 100_000;

    /// <summary>
    /// Decoded nodes by hash: every block's update walks the same upper levels, and loading a node (a store read
    /// and a decode) cost more than the update's hashing. Nodes are immutable and addressed by their hash, so an
    /// entry can never be stale, and one made by an update that is never committed is still that hash's node.
    /// </summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Hash32, TreeNode> _cache = new();
    private int _cached;

    /// <summary>The value of <paramref name="key"/> under <paramref name="root"/>, or null when absent.</summary>
    public byte[]? Get(Hash32 root, byte[] key)
    {
        var keyHash = SparseMerkle.KeyHash(key);
        var current = root;
        for (var depth = 0; depth <= MaxDepth; depth++)
        {
            switch (current.IsZero ? null : Load(current))
            {
                case null:
                    return null;
                case LeafNode leaf:
                    return leaf.KeyHash == keyHash ? leaf.Value : null;
                case InteriorNode interior:
                    current = keyHash.GetBit(depth) ? interior.Right : interior.Left;
                    break;
            }
        }

        throw new InvalidOperationException("state tree is deeper than 256 levels: the node store is corrupt");
    }

    /// <summary>An inclusion or non-inclusion proof for <paramref name="key"/> under <paramref name="root"/>.</summary>
    public StateProof Prove(Hash32 root, byte[] key)
    {
        var keyHash = SparseMerkle.KeyHash(key);
        var siblings = new List<Hash32>();
        var current = root;
        for (var depth = 0; depth <= MaxDepth; depth++)
        {
            switch (current.IsZero ? null : Load(current))
            {
                case null:
                    return new StateProof(key, null, null, siblings);
                case LeafNode leaf when leaf.KeyHash == keyHash:
                    return new StateProof(key, leaf.Value, null, siblings);
                case LeafNode other:
                    return new StateProof(key, null, new OtherLeaf(other.KeyHash, other.ValueHash), siblings);
                case InteriorNode interior:
                    var right = keyHash.GetBit(depth);
                    siblings.Add(right ? interior.Left : interior.Right);
                    current = right ? interior.Right : interior.Left;
                    break;
            }
        }

        throw new InvalidOperationException("state tree is deeper than 256 levels: the node store is corrupt");
    }

    private TreeNode Load(Hash32 hash)
    {
        if (_cache.TryGetValue(hash, out var cached))
        {
            return cached;
        }

        var bytes = nodes.GetNode(hash)
            ?? throw new InvalidOperationException($"state tree node {hash} is missing from the node store");
        var node = TreeNode.Decode(bytes);
        Remember(node);
        return node;
    }

    private void Remember(TreeNode node)
    {
        // A counter, not ConcurrentDictionary.Count, which takes every lock of the dictionary.
        if (_cache.TryAdd(node.Hash, node) && Interlocked.Increment(ref _cached) >= CacheCapacity)
        {
            _cache.Clear();
            Volatile.Write(ref _cached, 0);
        }
    }
}
