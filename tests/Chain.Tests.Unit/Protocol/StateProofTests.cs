using Chain.Protocol;
using Chain.Protocol.Crypto;
using Chain.Protocol.Proofs;
using Chain.Tests.Unit.Protocol.Vectors;

namespace Chain.Tests.Unit.Protocol;

/// <summary>
/// State proofs against trees built by hand from <see cref="SparseMerkle.LeafHash"/> and
/// <see cref="SparseMerkle.NodeHash"/>. Keys are searched for so their key hashes start with chosen bits.
/// </summary>
public sealed class StateProofTests
{
    private static readonly byte[] Left = KeyWithPrefix("0");
    private static readonly byte[] RightLeft = KeyWithPrefix("10");
    private static readonly byte[] RightRight = KeyWithPrefix("11");
    private static readonly byte[] AbsentLeft = KeyWithPrefix("0", Left);
    private static readonly byte[] AbsentRightRight = KeyWithPrefix("11", RightRight);

    // root = Node(Leaf(Left), Node(Leaf(RightLeft), Leaf(RightRight)))
    private static readonly Hash32 RightNode = SparseMerkle.NodeHash(Leaf(RightLeft), Leaf(RightRight));
    private static readonly Hash32 ThreeLeafRoot = SparseMerkle.NodeHash(Leaf(Left), RightNode);

    // root = Node(empty, Node(Leaf(RightLeft), Leaf(RightRight)))
    private static readonly Hash32 EmptyLeftRoot = SparseMerkle.NodeHash(Hash32.Zero, RightNode);

    [Fact]
    public void The_hand_built_trees_are_the_trees_the_reference_builder_makes()
    {
        Assert.Equal(ThreeLeafRoot, Tree(Left, RightLeft, RightRight).Root);
        Assert.Equal(EmptyLeftRoot, Tree(RightLeft, RightRight).Root);
        Assert.Equal(Leaf(Left), Tree(Left).Root);
        Assert.Equal(Hash32.Zero, Tree().Root);
    }

    [Fact]
    public void Inclusion_proofs_verify_at_every_depth()
    {
        Assert.Equal(StateProofResult.Included, Inclusion(Left, RightNode).Verify(ThreeLeafRoot));
        Assert.Equal(StateProofResult.Included, Inclusion(RightLeft, Leaf(Left), Leaf(RightRight)).Verify(ThreeLeafRoot));
        Assert.Equal(StateProofResult.Included, Inclusion(RightRight, Leaf(Left), Leaf(RightLeft)).Verify(ThreeLeafRoot));
        Assert.Equal(StateProofResult.Included, Inclusion(RightLeft, Hash32.Zero, Leaf(RightRight)).Verify(EmptyLeftRoot));
        Assert.Equal(StateProofResult.Included, Inclusion(Left).Verify(Leaf(Left)));
    }

    [Fact]
    public void Non_inclusion_verifies_when_the_path_ends_in_another_keys_leaf()
    {
        Assert.Equal(StateProofResult.Excluded, OtherLeafProof(AbsentLeft, Left, RightNode).Verify(ThreeLeafRoot));
        Assert.Equal(StateProofResult.Excluded, OtherLeafProof(AbsentRightRight, RightRight, Leaf(Left), Leaf(RightLeft)).Verify(ThreeLeafRoot));
        Assert.Equal(StateProofResult.Excluded, OtherLeafProof(RightLeft, Left).Verify(Leaf(Left)));
    }

    [Fact]
    public void Non_inclusion_verifies_when_the_path_ends_in_an_empty_subtree()
    {
        Assert.Equal(StateProofResult.Excluded, new StateProof(AbsentLeft, null, null, [RightNode]).Verify(EmptyLeftRoot));
        Assert.Equal(StateProofResult.Excluded, new StateProof(Left, null, null, []).Verify(Hash32.Zero));
    }

    [Fact]
    public void Changing_the_value_or_the_key_of_an_inclusion_proof_makes_it_invalid()
    {
        var proof = Inclusion(RightLeft, Leaf(Left), Leaf(RightRight));
        Assert.Equal(StateProofResult.Invalid, (proof with { Value = [.. Value(RightLeft), 0] }).Verify(ThreeLeafRoot));
        Assert.Equal(StateProofResult.Invalid, (proof with { Value = [] }).Verify(ThreeLeafRoot));
        Assert.Equal(StateProofResult.Invalid, (proof with { Key = AbsentRightRight }).Verify(ThreeLeafRoot));
        Assert.Equal(StateProofResult.Invalid, (proof with { Value = null }).Verify(ThreeLeafRoot));
    }

    [Fact]
    public void Changing_adding_or_removing_any_sibling_makes_a_proof_invalid()
    {
        StateProof[] proofs =
        [
            Inclusion(RightLeft, Leaf(Left), Leaf(RightRight)),
            OtherLeafProof(AbsentRightRight, RightRight, Leaf(Left), Leaf(RightLeft)),
            new StateProof(AbsentLeft, null, null, [RightNode]),
        ];
        var roots = new[] { ThreeLeafRoot, ThreeLeafRoot, EmptyLeftRoot };
        for (var p = 0; p < proofs.Length; p++)
        {
            var proof = proofs[p];
            Assert.NotEqual(StateProofResult.Invalid, proof.Verify(roots[p]));
            for (var i = 0; i < proof.Siblings.Count; i++)
            {
                var changed = proof.Siblings.ToArray();
                changed[i] = Flip(changed[i]);
                Assert.Equal(StateProofResult.Invalid, (proof with { Siblings = changed }).Verify(roots[p]));
                Assert.Equal(StateProofResult.Invalid, (proof with { Siblings = proof.Siblings.Where((_, j) => j != i).ToArray() }).Verify(roots[p]));
            }

            Assert.Equal(StateProofResult.Invalid, (proof with { Siblings = [.. proof.Siblings, Hash32.Zero] }).Verify(roots[p]));
            Assert.Equal(StateProofResult.Invalid, (proof with { Siblings = [Hash32.Zero, .. proof.Siblings] }).Verify(roots[p]));
        }
    }

    [Fact]
    public void A_present_key_cannot_be_proven_absent()
    {
        // Its own leaf as the "other" leaf folds to the right root, so only the key-hash comparison stops it.
        Assert.Equal(StateProofResult.Invalid, OtherLeafProof(RightLeft, RightLeft, Leaf(Left), Leaf(RightRight)).Verify(ThreeLeafRoot));
        Assert.Equal(StateProofResult.Invalid, OtherLeafProof(Left, Left).Verify(Leaf(Left)));
        Assert.Equal(StateProofResult.Invalid, OtherLeafProof(RightLeft, RightRight, Leaf(Left), Leaf(RightLeft)).Verify(ThreeLeafRoot));
        Assert.Equal(StateProofResult.Invalid, new StateProof(RightLeft, null, null, [Leaf(Left), Leaf(RightRight)]).Verify(ThreeLeafRoot));
    }

    [Fact]
    public void Changing_the_other_leaf_of_a_non_inclusion_proof_makes_it_invalid()
    {
        var proof = OtherLeafProof(AbsentRightRight, RightRight, Leaf(Left), Leaf(RightLeft));
        var other = proof.OtherLeaf!;
        Assert.Equal(StateProofResult.Invalid, (proof with { OtherLeaf = other with { ValueHash = Flip(other.ValueHash) } }).Verify(ThreeLeafRoot));
        Assert.Equal(StateProofResult.Invalid, (proof with { OtherLeaf = other with { KeyHash = Flip(other.KeyHash) } }).Verify(ThreeLeafRoot));
        Assert.Equal(StateProofResult.Invalid, (proof with { OtherLeaf = null }).Verify(ThreeLeafRoot));
    }

    [Fact]
    public void An_other_leaf_that_does_not_share_the_keys_path_is_invalid_even_when_the_hashes_fold_to_the_root()
    {
        // A hand-made root that puts Left's leaf (key hash starting with 0) on the right side:
        // a key starting with 1 folds to this root through it, and only the prefix check rejects it.
        var filler = Hashing.Sha256([0x42]);
        var offPathRoot = SparseMerkle.NodeHash(filler, Leaf(Left));
        var proof = OtherLeafProof(RightLeft, Left, filler);
        Assert.Equal(offPathRoot, SparseMerkle.NodeHash(proof.Siblings[0], SparseMerkle.LeafHash(proof.OtherLeaf!.KeyHash, proof.OtherLeaf.ValueHash)));
        Assert.Equal(StateProofResult.Invalid, proof.Verify(offPathRoot));
    }

    [Fact]
    public void A_proof_with_both_a_value_and_an_other_leaf_is_invalid()
    {
        var proof = Inclusion(Left, RightNode) with { OtherLeaf = new OtherLeaf(SparseMerkle.KeyHash(AbsentLeft), Hash32.Zero) };
        Assert.Equal(StateProofResult.Invalid, proof.Verify(ThreeLeafRoot));
    }

    [Fact]
    public void Inclusion_in_the_empty_tree_is_invalid()
    {
        Assert.Equal(StateProofResult.Invalid, Inclusion(Left).Verify(Hash32.Zero));
    }

    [Fact]
    public void Proofs_beyond_the_limits_are_invalid_without_hashing()
    {
        var deep = new StateProof(Left, null, null, Enumerable.Repeat(Hash32.Zero, ProtocolLimits.MaxProofSiblings + 1).ToArray());
        Assert.Equal(StateProofResult.Invalid, deep.Verify(Hash32.Zero));
        var longKey = new StateProof(new byte[ProtocolLimits.MaxStateKeyBytes + 1], null, null, []);
        Assert.Equal(StateProofResult.Invalid, longKey.Verify(Hash32.Zero));
    }

    private static ReferenceStateTree Tree(params byte[][] keys) => new(keys.Select(k => (k, Value(k))));

    private static byte[] Value(byte[] key) => new AccountState(key[1], key[2]).Encode();

    private static Hash32 Leaf(byte[] key) => SparseMerkle.LeafHash(SparseMerkle.KeyHash(key), SparseMerkle.ValueHash(Value(key)));

    private static StateProof Inclusion(byte[] key, params Hash32[] siblings) => new(key, Value(key), null, siblings);

    private static StateProof OtherLeafProof(byte[] key, byte[] other, params Hash32[] siblings) =>
        new(key, null, new OtherLeaf(SparseMerkle.KeyHash(other), SparseMerkle.ValueHash(Value(other))), siblings);

    private static byte[] KeyWithPrefix(string bits, params byte[][] except)
    {
        for (var i = 0; ; i++)
        {
            byte[] key = [0x7f, (byte)i, (byte)(i >> 8)];
            var hash = SparseMerkle.KeyHash(key);
            if (bits.Select((b, j) => hash.GetBit(j) == (b == '1')).All(x => x) && !except.Any(e => e.AsSpan().SequenceEqual(key)))
            {
                return key;
            }
        }
    }

    private static Hash32 Flip(Hash32 hash)
    {
        var bytes = hash.ToArray();
        bytes[7] ^= 0x10;
        return new Hash32(bytes);
    }
}
