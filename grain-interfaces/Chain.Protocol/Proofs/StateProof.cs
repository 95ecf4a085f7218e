using Chain.Protocol.Crypto;
using Chain.Protocol.Encoding;

namespace Chain.Protocol.Proofs;

/// <summary>
/// A proof that <see cref="Key"/> has <see cref="Value"/> (inclusion) or has no value (non-inclusion)
/// under a state root. <see cref="Siblings"/> run from the root down. For non-inclusion the path ends
/// either in an empty subtree or in a leaf of another key sharing the path (<see cref="OtherLeaf"/>).
/// Encoding: <c>key bytes | hasValue bool | [value bytes] | hasOther bool | [keyHash 32 | valueHash 32] | count u32 | sibling 32*</c>.
/// </summary>
public sealed record StateProof(byte[] Key, byte[]? Value, OtherLeaf? OtherLeaf, IReadOnlyList<Hash32> Siblings)
{
    /// <summary>
    /// Checks the proof against <paramref name="root"/>. Cost: at most 257 SHA-256 evaluations.
    /// Returns <see cref="StateProofResult.Included"/>, <see cref="StateProofResult.Excluded"/> or <see cref="StateProofResult.Invalid"/>.
    /// </summary>
    public StateProofResult Verify(Hash32 root)
    {
        if (Siblings.Count > ProtocolLimits.MaxProofSiblings || Key.Length > ProtocolLimits.MaxStateKeyBytes)
        {
            return StateProofResult.Invalid;
        }

        if (Value is not null && OtherLeaf is not null)
        {
            return StateProofResult.Invalid;
        }

        var keyHash = SparseMerkle.KeyHash(Key);
        var depth = Siblings.Count;
        Hash32 node;
        if (Value is not null)
        {
            node = SparseMerkle.LeafHash(keyHash, SparseMerkle.ValueHash(Value));
        }
        else if (OtherLeaf is { } other)
        {
            if (other.KeyHash == keyHash || Hash32.CommonPrefixLength(other.KeyHash, keyHash) < depth)
            {
                return StateProofResult.Invalid;
            }

            node = SparseMerkle.LeafHash(other.KeyHash, other.ValueHash);
        }
        else
        {
            node = Hash32.Zero;
        }

        for (var i = depth - 1; i >= 0; i--)
        {
            node = keyHash.GetBit(i)
                ? SparseMerkle.NodeHash(Siblings[i], node)
                : SparseMerkle.NodeHash(node, Siblings[i]);
        }

        if (node != root)
        {
            return StateProofResult.Invalid;
        }

        return Value is not null ? StateProofResult.Included : StateProofResult.Excluded;
    }

    public byte[] Encode()
    {
        var w = new CanonicalWriter(64 + (Siblings.Count * 32));
        w.WriteBytes(Key);
        w.WriteBool(Value is not null);
        if (Value is not null)
        {
            w.WriteBytes(Value);
        }

        w.WriteBool(OtherLeaf is not null);
        if (OtherLeaf is { } other)
        {
            w.WriteFixed(other.KeyHash.ToArray());
            w.WriteFixed(other.ValueHash.ToArray());
        }

        w.WriteU32((uint)Siblings.Count);
        foreach (var s in Siblings)
        {
            w.WriteFixed(s.ToArray());
        }

        return w.ToArray();
    }

    public static StateProof Decode(ReadOnlySpan<byte> bytes)
    {
        var r = new CanonicalReader(bytes);
        var key = r.ReadBytes(ProtocolLimits.MaxStateKeyBytes).ToArray();
        var value = r.ReadBool() ? r.ReadBytes(ProtocolLimits.MaxStateValueBytes).ToArray() : null;
        OtherLeaf? other = r.ReadBool() ? new OtherLeaf(new Hash32(r.ReadFixed(32)), new Hash32(r.ReadFixed(32))) : null;
        var count = r.ReadCount(ProtocolLimits.MaxProofSiblings, 32);
        var siblings = new Hash32[count];
        for (var i = 0; i < count; i++)
        {
            siblings[i] = new Hash32(r.ReadFixed(32));
        }

        r.EnsureEnd();
        return new StateProof(key, value, other, siblings);
    }
}

/// <summary>The leaf of another key that ends a non-inclusion path.</summary>
public sealed record OtherLeaf(Hash32 KeyHash, Hash32 ValueHash);

public enum StateProofResult
{
    Invalid = 0,
    Included = 1,
    Excluded = 2,
}
