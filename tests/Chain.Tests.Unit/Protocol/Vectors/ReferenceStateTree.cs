using Chain.Protocol.Crypto;
using Chain.Protocol.Proofs;

namespace Chain.Tests.Unit.Protocol.Vectors;

/// <summary>
/// A deliberately naive sparse Merkle tree built straight from the hash rules of docs/protocol.md §6:
/// no leaves hash to zero, one leaf is that leaf, more split on the next key-hash bit. It builds roots
/// and proofs for vectors and tests; it is not the production tree.
/// </summary>
internal sealed class ReferenceStateTree
{
    private readonly Entry[] _entries;

    public ReferenceStateTree(IEnumerable<(byte[] Key, byte[] Value)> entries)
    {
        _entries = [.. entries
            .Select(e => new Entry(e.Key, e.Value, SparseMerkle.KeyHash(e.Key), SparseMerkle.ValueHash(e.Value)))
            .OrderBy(e => e.KeyHash)];
        for (var i = 1; i < _entries.Length; i++)
        {
            if (_entries[i].KeyHash == _entries[i - 1].KeyHash)
            {
                throw new ArgumentException("duplicate key", nameof(entries));
            }
        }
    }

    public Hash32 Root => Build(_entries, 0);

    public StateProof Prove(byte[] key)
    {
        var keyHash = SparseMerkle.KeyHash(key);
        ReadOnlySpan<Entry> span = _entries;
        var siblings = new List<Hash32>();
        for (var depth = 0; ; depth++)
        {
            if (span.Length == 0)
            {
                return new StateProof(key, null, null, siblings);
            }

            if (span.Length == 1)
            {
                var leaf = span[0];
                return leaf.KeyHash == keyHash
                    ? new StateProof(key, leaf.Value, null, siblings)
                    : new StateProof(key, null, new OtherLeaf(leaf.KeyHash, leaf.ValueHash), siblings);
            }

            var split = Split(span, depth);
            if (keyHash.GetBit(depth))
            {
                siblings.Add(Build(span[..split], depth + 1));
                span = span[split..];
            }
            else
            {
                siblings.Add(Build(span[split..], depth + 1));
                span = span[..split];
            }
        }
    }

    private static Hash32 Build(ReadOnlySpan<Entry> span, int depth)
    {
        if (span.Length == 0)
        {
            return Hash32.Zero;
        }

        if (span.Length == 1)
        {
            return SparseMerkle.LeafHash(span[0].KeyHash, span[0].ValueHash);
        }

        var split = Split(span, depth);
        return SparseMerkle.NodeHash(Build(span[..split], depth + 1), Build(span[split..], depth + 1));
    }

    /// <summary>Entries are sorted and share their first <paramref name="depth"/> bits, so bit-0 entries come first.</summary>
    private static int Split(ReadOnlySpan<Entry> span, int depth)
    {
        var split = 0;
        while (split < span.Length && !span[split].KeyHash.GetBit(depth))
        {
            split++;
        }

        return split;
    }

    private sealed record Entry(byte[] Key, byte[] Value, Hash32 KeyHash, Hash32 ValueHash);
}
