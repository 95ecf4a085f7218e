using Chain.Protocol.Crypto;

namespace Chain.Protocol.Proofs;

/// <summary>
/// RFC 6962 (Certificate Transparency) Merkle trees, used for the transaction and receipt roots:
/// leaf <c>SHA-256(0x00 || data)</c>, node <c>SHA-256(0x01 || left || right)</c>, split at the
/// largest power of two below n, empty tree <c>SHA-256("")</c>.
/// </summary>
public static class BinaryMerkle
{
    public const byte LeafPrefix = 0x00;
    public const byte NodePrefix = 0x01;

    public static Hash32 LeafHash(ReadOnlySpan<byte> data)
    {
        var buffer = new byte[data.Length + 1];
        buffer[0] = LeafPrefix;
        data.CopyTo(buffer.AsSpan(1));
        return Hashing.Sha256(buffer);
    }

    public static Hash32 Root(IReadOnlyList<byte[]> leaves)
    {
        if (leaves.Count == 0)
        {
            return Hashing.Sha256([]);
        }

        var hashes = new Hash32[leaves.Count];
        for (var i = 0; i < hashes.Length; i++)
        {
            hashes[i] = LeafHash(leaves[i]);
        }

        return RootOfHashes(hashes);
    }

    /// <summary>The root over leaf hashes that were already computed with <see cref="LeafHash"/>.</summary>
    public static Hash32 RootOfHashes(ReadOnlySpan<Hash32> leafHashes)
    {
        if (leafHashes.Length == 0)
        {
            return Hashing.Sha256([]);
        }

        if (leafHashes.Length == 1)
        {
            return leafHashes[0];
        }

        var k = SplitPoint(leafHashes.Length);
        return Hashing.Node(NodePrefix, RootOfHashes(leafHashes[..k]), RootOfHashes(leafHashes[k..]));
    }

    /// <summary>The audit path (RFC 6962 §2.1.1) for leaf <paramref name="index"/>, deepest sibling first.</summary>
    public static IReadOnlyList<Hash32> AuditPath(IReadOnlyList<byte[]> leaves, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, leaves.Count);
        var hashes = leaves.Select(l => LeafHash(l)).ToArray();
        var path = new List<Hash32>();
        BuildPath(hashes, index, path);
        return path;
    }

    /// <summary>
    /// The audit path of every leaf at once, each equal to <see cref="AuditPath"/>'s: O(n) hashes in all, not O(n) per leaf.
    /// Built bottom-up: at each level nodes pair left to right and a lone last node moves up unhashed, which is the RFC 6962
    /// tree (its split at the largest power of two is the same shape).
    /// </summary>
    public static IReadOnlyList<Hash32>[] AuditPaths(IReadOnlyList<byte[]> leaves)
    {
        var paths = new List<Hash32>[leaves.Count];
        var level = new Hash32[leaves.Count];
        for (var i = 0; i < leaves.Count; i++)
        {
            level[i] = LeafHash(leaves[i]);
            paths[i] = [];
        }

        // position[i]: where leaf i's ancestor sits in the current level.
        var position = Enumerable.Range(0, leaves.Count).ToArray();
        while (level.Length > 1)
        {
            for (var i = 0; i < position.Length; i++)
            {
                var sibling = position[i] ^ 1;
                if (sibling < level.Length)
                {
                    paths[i].Add(level[sibling]);
                }

                position[i] >>= 1;
            }

            var next = new Hash32[(level.Length + 1) / 2];
            for (var j = 0; j < next.Length; j++)
            {
                next[j] = 2 * j + 1 < level.Length ? Hashing.Node(NodePrefix, level[2 * j], level[2 * j + 1]) : level[2 * j];
            }

            level = next;
        }

        return paths;
    }

    /// <summary>
    /// Verifies that <paramref name="leafData"/> is leaf <paramref name="index"/> of a tree of
    /// <paramref name="size"/> leaves with root <paramref name="root"/> (RFC 9162 §2.1.3.2).
    /// </summary>
    public static bool VerifyInclusion(Hash32 root, ReadOnlySpan<byte> leafData, ulong index, ulong size, IReadOnlyList<Hash32> path)
    {
        if (index >= size || path.Count > ProtocolLimits.MaxAuditPath)
        {
            return false;
        }

        var fn = index;
        var sn = size - 1;
        var r = LeafHash(leafData);
        foreach (var p in path)
        {
            if (sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                r = Hashing.Node(NodePrefix, p, r);
                if ((fn & 1) == 0)
                {
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            }
            else
            {
                r = Hashing.Node(NodePrefix, r, p);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && r == root;
    }

    private static void BuildPath(ReadOnlySpan<Hash32> hashes, int index, List<Hash32> path)
    {
        if (hashes.Length <= 1)
        {
            return;
        }

        var k = SplitPoint(hashes.Length);
        if (index < k)
        {
            BuildPath(hashes[..k], index, path);
            path.Add(RootOfHashes(hashes[k..]));
        }
        else
        {
            BuildPath(hashes[k..], index - k, path);
            path.Add(RootOfHashes(hashes[..k]));
        }
    }

    private static int SplitPoint(int n)
    {
        var k = 1;
        while (k << 1 < n)
        {
            k <<= 1;
        }

        return k;
    }
}
