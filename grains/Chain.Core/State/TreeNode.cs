using Chain.Protocol.Crypto;
using Chain.Protocol.Encoding;
using Chain.Protocol.Proofs;

namespace Chain.Core.State;

/// <summary>
/// A stored node of the state tree. Storage encoding (not part of consensus):
/// leaf <c>0x00 | key bytes | value bytes</c>, interior <c>0x01 | left 32 | right 32</c>.
/// The node's hash follows the consensus rules in <see cref="SparseMerkle"/>.
/// </summary>
public abstract record TreeNode
{
    public abstract Hash32 Hash { get; }

    public abstract byte[] Encode();

    public static TreeNode Decode(ReadOnlySpan<byte> bytes)
    {
        var r = new CanonicalReader(bytes);
        TreeNode node = r.ReadU8() switch
        {
            0 => LeafNode.Create(r.ReadBytes(Chain.Protocol.ProtocolLimits.MaxStateKeyBytes).ToArray(), r.ReadBytes(Chain.Protocol.ProtocolLimits.MaxStateValueBytes).ToArray()),
            1 => new InteriorNode(new Hash32(r.ReadFixed(32)), new Hash32(r.ReadFixed(32))),
            var b => throw new DecodeException($"unknown tree node tag {b}"),
        };
        r.EnsureEnd();
        return node;
    }
}

/// <summary>A key and its value; stands for any subtree that holds only this key.</summary>
public sealed record LeafNode(byte[] Key, Hash32 KeyHash, byte[] Value, Hash32 ValueHash) : TreeNode
{
    private readonly Hash32 _hash = SparseMerkle.LeafHash(KeyHash, ValueHash);

    public override Hash32 Hash => _hash;

    public static LeafNode Create(byte[] key, byte[] value) =>
        new(key, SparseMerkle.KeyHash(key), value, SparseMerkle.ValueHash(value));

    public override byte[] Encode()
    {
        var w = new CanonicalWriter(9 + Key.Length + Value.Length);
        w.WriteU8(0);
        w.WriteBytes(Key);
        w.WriteBytes(Value);
        return w.ToArray();
    }
}

/// <summary>A branch with at least two leaves below it.</summary>
public sealed record InteriorNode(Hash32 Left, Hash32 Right) : TreeNode
{
    private readonly Hash32 _hash = SparseMerkle.NodeHash(Left, Right);

    public override Hash32 Hash => _hash;

    public override byte[] Encode()
    {
        var w = new CanonicalWriter(65);
        w.WriteU8(1);
        w.WriteFixed(Left.ToArray());
        w.WriteFixed(Right.ToArray());
        return w.ToArray();
    }
}
