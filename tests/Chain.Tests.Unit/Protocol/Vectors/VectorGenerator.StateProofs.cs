using System.Text.Json.Nodes;
using Chain.Protocol.Crypto;
using Chain.Protocol.Encoding;
using Chain.Protocol;
using Chain.Protocol.Proofs;

namespace Chain.Tests.Unit.Protocol.Vectors;

internal static partial class VectorGenerator
{
    private static JsonObject StateProofs()
    {
        var trees = new JsonArray();
        foreach (var (name, entries) in StateTrees())
        {
            var tree = new ReferenceStateTree(entries);
            var proofs = new JsonArray();
            foreach (var (key, _) in entries)
            {
                proofs.Add(ProofVector("inclusion", tree.Prove(key), tree.Root));
            }

            foreach (var (description, proof) in NonInclusionProofs(tree, entries))
            {
                proofs.Add(ProofVector(description, proof, tree.Root));
            }

            trees.Add(new JsonObject
            {
                ["name"] = name,
                ["entries"] = Array(entries, e => new JsonObject
                {
                    ["key"] = Hex(e.Key),
                    ["value"] = Hex(e.Value),
                    ["keyHash"] = Hex(SparseMerkle.KeyHash(e.Key)),
                    ["valueHash"] = Hex(SparseMerkle.ValueHash(e.Value)),
                    ["leafHash"] = Hex(SparseMerkle.LeafHash(SparseMerkle.KeyHash(e.Key), SparseMerkle.ValueHash(e.Value))),
                }),
                ["root"] = Hex(tree.Root),
                ["proofs"] = proofs,
            });
        }

        return new JsonObject
        {
            ["description"] = "Sparse Merkle state trees over account keys (0x01 || address of seeds 0x01.., values balance u64 | nonce u64), their roots, and proofs with their expected results. docs/protocol.md section 6.",
            ["trees"] = trees,
            ["invalidProofs"] = Array(InvalidStateProofs(), v => new JsonObject
            {
                ["description"] = v.Description,
                ["root"] = Hex(v.Root),
                ["encoding"] = Hex(v.Proof.Encode()),
            }),
            ["invalidEncodings"] = InvalidList(InvalidStateProofEncodings()),
        };
    }

    private static JsonObject ProofVector(string description, StateProof proof, Hash32 root) => new()
    {
        ["description"] = description,
        ["key"] = Hex(proof.Key),
        ["value"] = proof.Value is null ? null : Hex(proof.Value),
        ["otherLeaf"] = proof.OtherLeaf is { } other ? new JsonObject { ["keyHash"] = Hex(other.KeyHash), ["valueHash"] = Hex(other.ValueHash) } : null,
        ["siblings"] = Array(proof.Siblings, s => Hex(s)),
        ["encoding"] = Hex(proof.Encode()),
        ["result"] = proof.Verify(root).ToString().ToLowerInvariant(),
    };

    public static byte[] AccountKey(byte seed) => StateKeys.Account(VectorFixtures.AddressOf(seed));

    private static (byte[] Key, byte[] Value) Account(byte seed, ulong balance, ulong nonce) =>
        (AccountKey(seed), new AccountState(balance, nonce).Encode());

    /// <summary>
    /// Trees of 0, 1, 2 and 3 accounts. The two-account tree pairs seed 0x01 with the first seed whose key hash
    /// has the same first bit, so its root has an empty child and a non-inclusion proof can end in an empty subtree.
    /// </summary>
    public static IEnumerable<(string Name, (byte[] Key, byte[] Value)[] Entries)> StateTrees()
    {
        var first = SparseMerkle.KeyHash(AccountKey(1)).GetBit(0);
        var partner = Enumerable.Range(2, 60).Select(i => (byte)i).First(s => SparseMerkle.KeyHash(AccountKey(s)).GetBit(0) == first);
        yield return ("empty", []);
        yield return ("one", [Account(1, 1_000_000, 0)]);
        yield return ("two", [Account(1, 1_000_000, 0), Account(partner, 42, 1)]);
        yield return ("three", [Account(1, 1_000_000, 0), Account(2, 5_000_000, 3), Account(3, 0, 1)]);
    }

    /// <summary>For absent accounts (seeds 0x40..), the first proof ending in an empty subtree and the first ending in another leaf.</summary>
    private static IEnumerable<(string Description, StateProof Proof)> NonInclusionProofs(ReferenceStateTree tree, (byte[] Key, byte[] Value)[] entries)
    {
        var candidates = Enumerable.Range(0x40, 64).Select(s => tree.Prove(AccountKey((byte)s))).ToArray();
        var empty = candidates.FirstOrDefault(p => p.OtherLeaf is null);
        if (empty is not null)
        {
            yield return ("non-inclusion: the path ends in an empty subtree", empty);
        }

        if (entries.Length > 0)
        {
            yield return ("non-inclusion: the path ends in another key's leaf", candidates.First(p => p.OtherLeaf is not null));
        }
    }

    public static IEnumerable<(string Description, Hash32 Root, StateProof Proof)> InvalidStateProofs()
    {
        var trees = StateTrees().ToDictionary(t => t.Name, t => new ReferenceStateTree(t.Entries));
        var three = trees["three"];
        var one = trees["one"];
        var included = three.Prove(AccountKey(1));
        var deepest = included.Siblings.Count - 1;

        var flipped = included.Siblings.ToArray();
        var bytes = flipped[deepest].ToArray();
        bytes[31] ^= 0x80;
        flipped[deepest] = new Hash32(bytes);

        yield return ("inclusion with the value changed", three.Root, included with { Value = new AccountState(1_000_001, 0).Encode() });
        yield return ("inclusion with another key", three.Root, included with { Key = AccountKey(2) });
        yield return ("inclusion with a sibling changed", three.Root, included with { Siblings = flipped });
        yield return ("inclusion with an extra zero sibling", three.Root, included with { Siblings = [.. included.Siblings, Hash32.Zero] });
        yield return ("inclusion with the deepest sibling removed", three.Root, included with { Siblings = included.Siblings.Take(deepest).ToArray() });
        yield return ("inclusion claimed in the empty tree", Hash32.Zero, new StateProof(AccountKey(1), new AccountState(1, 0).Encode(), null, []));

        var leafA = SparseMerkle.LeafHash(SparseMerkle.KeyHash(AccountKey(1)), SparseMerkle.ValueHash(new AccountState(1_000_000, 0).Encode()));
        yield return ("non-inclusion whose other leaf is the key itself", one.Root,
            new StateProof(AccountKey(1), null, new OtherLeaf(SparseMerkle.KeyHash(AccountKey(1)), SparseMerkle.ValueHash(new AccountState(1_000_000, 0).Encode())), []));
        yield return ("both a value and an other leaf", one.Root,
            new StateProof(AccountKey(1), new AccountState(1_000_000, 0).Encode(), new OtherLeaf(Hash32.Zero, Hash32.Zero), []));
        yield return ("non-inclusion (empty) with an extra sibling", Hash32.Zero, new StateProof(AccountKey(1), null, null, [Hash32.Zero]));

        // A hand-built root that places account 0x01's leaf on the side its key hash does not lead to:
        // the hashes fold up to the root, and only the prefix check catches it.
        var keyBit = SparseMerkle.KeyHash(AccountKey(1)).GetBit(0);
        var filler = Hashing.Sha256([0x42]);
        var offPathRoot = keyBit ? SparseMerkle.NodeHash(leafA, filler) : SparseMerkle.NodeHash(filler, leafA);
        var stranger = Enumerable.Range(0x40, 64).Select(s => AccountKey((byte)s)).First(k => SparseMerkle.KeyHash(k).GetBit(0) != keyBit);
        var otherA = new OtherLeaf(SparseMerkle.KeyHash(AccountKey(1)), SparseMerkle.ValueHash(new AccountState(1_000_000, 0).Encode()));
        yield return ("non-inclusion whose other leaf does not share the key's path", offPathRoot, new StateProof(stranger, null, otherA, [filler]));
    }

    public static IEnumerable<(string Description, byte[] Bytes)> InvalidStateProofEncodings()
    {
        var valid = new ReferenceStateTree(StateTrees().Last().Entries).Prove(AccountKey(1)).Encode();
        yield return ("one trailing byte", [.. valid, 0x00]);
        yield return ("last byte missing", valid[..^1]);

        var flag = (byte[])valid.Clone();
        flag[4 + 21] = 2; // the hasValue byte after the 21-byte key
        yield return ("hasValue byte 2", flag);

        var w = new CanonicalWriter();
        w.WriteBytes(new byte[ProtocolLimits.MaxStateKeyBytes + 1]);
        w.WriteBool(false);
        w.WriteBool(false);
        w.WriteU32(0);
        yield return ($"key of {ProtocolLimits.MaxStateKeyBytes + 1} bytes", w.ToArray());

        w = new CanonicalWriter();
        w.WriteBytes(AccountKey(1));
        w.WriteBool(false);
        w.WriteBool(false);
        w.WriteU32(257);
        for (var i = 0; i < 257; i++)
        {
            w.WriteFixed(new byte[32]);
        }

        yield return ("257 siblings", w.ToArray());
    }
}
