using Chain.Protocol.Crypto;
using Chain.Protocol.Proofs;

namespace Chain.Core.State;

public sealed partial class SparseMerkleTree
{
    /// <summary>
    /// Applies <paramref name="changes"/> (at most one per key; null value deletes) to the tree at
    /// <paramref name="root"/> and returns the new root with the nodes it created. Nothing is written:
    /// the caller stores <see cref="TreeUpdate.NewNodes"/> in the same atomic batch as the block.
    /// <para>With <paramref name="parallelism"/> above 1, leaves are hashed and the subtrees under the top levels are
    /// updated on that many threads (the default scheduler's, not the caller's); the result is the same.</para>
    /// </summary>
    public TreeUpdate Update(Hash32 root, IReadOnlyList<StateChange> changes, int parallelism = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        var parallel = parallelism > 1 && changes.Count >= MinChangesPerThread * 2;
        var items = new Item[changes.Count];
        if (parallel)
        {
            Parallel.For(0, changes.Count, Options(parallelism), i => items[i] = ToItem(changes[i]));
        }
        else
        {
            for (var i = 0; i < changes.Count; i++)
            {
                items[i] = ToItem(changes[i]);
            }
        }

        Array.Sort(items, static (a, b) => a.KeyHash.CompareTo(b.KeyHash));
        for (var i = 1; i < items.Length; i++)
        {
            if (items[i].KeyHash == items[i - 1].KeyHash)
            {
                throw new ArgumentException("a key may change at most once per update", nameof(changes));
            }
        }

        var created = new List<TreeNode>();
        var newRoot = parallel
            ? ApplySplit(Ref(root), 0, new ArraySegment<Item>(items), created, SplitLevels(parallelism))
            : Apply(Ref(root), 0, items, created);
        var newNodes = SortedDistinct(created);
        if (newNodes.Length < CacheCapacity / 2)
        {
            // The next block's update starts from these (a genesis-sized batch would only flush the cache).
            foreach (var node in newNodes)
            {
                Remember(node);
            }
        }

        return new TreeUpdate(newRoot.Hash, newNodes);
    }

    private const int MinChangesPerThread = 256;

    private static Item ToItem(StateChange change) =>
        new(SparseMerkle.KeyHash(change.Key), change.Value is null ? null : LeafNode.Create(change.Key, change.Value));

    private static ParallelOptions Options(int parallelism) =>
        new() { MaxDegreeOfParallelism = parallelism, TaskScheduler = TaskScheduler.Default };

    /// <summary>Levels to fork at: twice as many subtrees as threads, so an uneven split still keeps every thread busy.</summary>
    private static int SplitLevels(int parallelism) => Math.Min(8, 1 + (int)Math.Ceiling(Math.Log2(parallelism)));

    /// <summary><see cref="Apply"/>, forking the two subtrees of an interior node for the top <paramref name="levels"/> levels.</summary>
    private NodeRef ApplySplit(NodeRef node, int depth, ArraySegment<Item> items, List<TreeNode> created, int levels)
    {
        if (levels == 0 || items.Count < MinChangesPerThread || node.Node is not InteriorNode interior)
        {
            return Apply(node, depth, items, created);
        }

        var split = SplitIndex(items, depth);
        var rightCreated = new List<TreeNode>();
        var right = Task.Factory.StartNew(
            () => ApplySplit(Ref(interior.Right), depth + 1, items[split..], rightCreated, levels - 1),
            CancellationToken.None,
            TaskCreationOptions.DenyChildAttach,
            TaskScheduler.Default);
        var left = ApplySplit(Ref(interior.Left), depth + 1, items[..split], created, levels - 1);
        var rightRef = right.GetAwaiter().GetResult();
        created.AddRange(rightCreated);
        return Join(left, rightRef, created);
    }

    /// <summary>The created nodes sorted by hash, each once (the order storage and callers rely on).</summary>
    private static TreeNode[] SortedDistinct(List<TreeNode> created)
    {
        var nodes = created.ToArray();
        Array.Sort(nodes, static (a, b) => a.Hash.CompareTo(b.Hash));
        var count = 0;
        for (var i = 0; i < nodes.Length; i++)
        {
            if (count == 0 || nodes[count - 1].Hash != nodes[i].Hash)
            {
                nodes[count++] = nodes[i];
            }
        }

        return count == nodes.Length ? nodes : nodes[..count];
    }

    private NodeRef Apply(NodeRef node, int depth, ReadOnlySpan<Item> items, List<TreeNode> created)
    {
        if (items.IsEmpty)
        {
            return node;
        }

        switch (node.Node)
        {
            case null:
                return Build(depth, Inserts(items, null), created);
            case LeafNode leaf:
                return Build(depth, Inserts(items, leaf), created);
            case InteriorNode interior:
                var split = SplitIndex(items, depth);
                var left = Apply(Ref(interior.Left), depth + 1, items[..split], created);
                var right = Apply(Ref(interior.Right), depth + 1, items[split..], created);
                return Join(left, right, created);
            default:
                throw new InvalidOperationException("unknown node kind");
        }
    }

    /// <summary>The surviving leaves of a subtree that held at most <paramref name="existing"/>, sorted by key hash.</summary>
    private static LeafNode[] Inserts(ReadOnlySpan<Item> items, LeafNode? existing)
    {
        var leaves = new List<LeafNode>(items.Length + 1);
        var existingReplaced = false;
        foreach (var item in items)
        {
            if (existing is not null && item.KeyHash == existing.KeyHash)
            {
                existingReplaced = true;
            }

            if (item.Leaf is not null)
            {
                leaves.Add(item.Leaf);
            }
        }

        if (existing is not null && !existingReplaced)
        {
            leaves.Add(existing);
            leaves.Sort(static (a, b) => a.KeyHash.CompareTo(b.KeyHash));
        }

        return [.. leaves];
    }

    private static NodeRef Build(int depth, ReadOnlySpan<LeafNode> leaves, List<TreeNode> created)
    {
        switch (leaves.Length)
        {
            case 0:
                return NodeRef.Empty;
            case 1:
                created.Add(leaves[0]);
                return new NodeRef(leaves[0].Hash, leaves[0]);
        }

        if (depth >= 256)
        {
            throw new InvalidOperationException("two distinct keys share a 256-bit key hash");
        }

        var split = 0;
        while (split < leaves.Length && !leaves[split].KeyHash.GetBit(depth))
        {
            split++;
        }

        var left = Build(depth + 1, leaves[..split], created);
        var right = Build(depth + 1, leaves[split..], created);
        return Join(left, right, created);
    }

    /// <summary>Joins two children, collapsing a lone leaf upwards so single-key subtrees stay a leaf.</summary>
    private static NodeRef Join(NodeRef left, NodeRef right, List<TreeNode> created)
    {
        if (left.Node is null && (right.Node is null or LeafNode))
        {
            return right;
        }

        if (right.Node is null && left.Node is LeafNode)
        {
            return left;
        }

        var interior = new InteriorNode(left.Hash, right.Hash);
        created.Add(interior);
        return new NodeRef(interior.Hash, interior);
    }

    private static int SplitIndex(ReadOnlySpan<Item> items, int depth)
    {
        var split = 0;
        while (split < items.Length && !items[split].KeyHash.GetBit(depth))
        {
            split++;
        }

        return split;
    }

    private NodeRef Ref(Hash32 hash) => hash.IsZero ? NodeRef.Empty : new NodeRef(hash, Load(hash));

    private readonly record struct Item(Hash32 KeyHash, LeafNode? Leaf);

    private readonly record struct NodeRef(Hash32 Hash, TreeNode? Node)
    {
        public static NodeRef Empty => new(Hash32.Zero, null);
    }
}
