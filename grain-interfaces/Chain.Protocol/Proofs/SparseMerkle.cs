using Chain.Protocol.Crypto;

namespace Chain.Protocol.Proofs;

/// <summary>
/// Hash rules of the state tree: a binary sparse Merkle tree over 256-bit key hashes in which a
/// subtree holding a single leaf is represented by that leaf (path compression), so a tree of n keys
/// is about log2(n) levels deep. Empty subtree: 32 zero bytes. Leaf:
/// <c>SHA-256(0x00 || keyHash || valueHash)</c>. Interior: <c>SHA-256(0x01 || left || right)</c>.
/// Key bit i is bit i of the key hash counted from the most significant bit; 0 goes left.
/// </summary>
public static class SparseMerkle
{
    public const byte LeafPrefix = 0x00;
    public const byte NodePrefix = 0x01;

    public static Hash32 KeyHash(ReadOnlySpan<byte> key) => Hashing.Tagged(HashTags.StateKey, key);

    public static Hash32 ValueHash(ReadOnlySpan<byte> value) => Hashing.Tagged(HashTags.StateValue, value);

    public static Hash32 LeafHash(Hash32 keyHash, Hash32 valueHash)
    {
        Span<byte> buffer = stackalloc byte[65];
        buffer[0] = LeafPrefix;
        keyHash.CopyTo(buffer[1..]);
        valueHash.CopyTo(buffer[33..]);
        return Hashing.Sha256(buffer);
    }

    public static Hash32 NodeHash(Hash32 left, Hash32 right) => Hashing.Node(NodePrefix, left, right);
}
