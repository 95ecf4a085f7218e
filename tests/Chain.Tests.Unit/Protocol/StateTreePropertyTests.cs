using Chain.Protocol.Proofs;
using Chain.Tests.Unit.Protocol.Vectors;
using CsCheck;

namespace Chain.Tests.Unit.Protocol;

/// <summary>Proofs from random trees: every key present proves its value, every key absent proves its absence.</summary>
public sealed class StateTreePropertyTests
{
    private static readonly Gen<(byte[] Key, byte[] Value)[]> Entries =
        Gen.Select(Gen.Byte.Array[1, 6], Gen.Byte.Array[0, 16]).Array[0, 40]
            .Select(es => es.DistinctBy(e => Convert.ToHexString(e.Item1)).ToArray());

    [Fact]
    public void Every_present_key_proves_its_value_and_every_absent_key_proves_its_absence() =>
        Gen.Select(Entries, Gen.Byte.Array[7, 8].Array[1, 8]).Sample((entries, absent) =>
        {
            var tree = new ReferenceStateTree(entries);
            foreach (var (key, value) in entries)
            {
                var proof = StateProof.Decode(tree.Prove(key).Encode());
                Assert.Equal(StateProofResult.Included, proof.Verify(tree.Root));
                Assert.Equal(value, proof.Value);
            }

            foreach (var key in absent)
            {
                var proof = StateProof.Decode(tree.Prove(key).Encode());
                Assert.Equal(StateProofResult.Excluded, proof.Verify(tree.Root));
            }
        }, iter: 100);

    [Fact]
    public void A_proof_does_not_verify_against_the_root_of_a_tree_with_one_value_changed() =>
        Entries.Where(e => e.Length > 0).Sample(entries =>
        {
            var tree = new ReferenceStateTree(entries);
            var changed = new ReferenceStateTree(entries.Select((e, i) => i == 0 ? (e.Key, [.. e.Value, 1]) : e));
            Assert.NotEqual(tree.Root, changed.Root);
            foreach (var (key, _) in entries)
            {
                Assert.Equal(StateProofResult.Invalid, tree.Prove(key).Verify(changed.Root));
            }
        }, iter: 100);
}
