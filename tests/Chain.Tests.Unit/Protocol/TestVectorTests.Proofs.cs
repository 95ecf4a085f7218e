using Chain.Protocol.Encoding;
using Chain.Protocol.Proofs;
using Chain.Tests.Unit.Protocol.Vectors;

namespace Chain.Tests.Unit.Protocol;

public sealed partial class TestVectorTests
{
    [Fact]
    public void Merkle_vectors_give_the_recorded_roots_and_audit_paths()
    {
        var file = Load("merkle.json");
        var leaves = Items(file["leaves"]).Select(Bytes).ToArray();
        foreach (var v in Items(file["roots"]))
        {
            Assert.Equal(Hash(v["root"]), BinaryMerkle.Root(leaves[..(int)v["size"]!]));
        }

        foreach (var v in Items(file["auditPaths"]))
        {
            var size = (int)v["size"]!;
            var index = (int)v["index"]!;
            var path = Items(v["path"]).Select(Hash).ToArray();
            Assert.Equal(Bytes(v["leaf"]), leaves[index]);
            Assert.Equal(path, BinaryMerkle.AuditPath(leaves[..size], index));
            Assert.True(BinaryMerkle.VerifyInclusion(Hash(v["root"]), leaves[index], (ulong)index, (ulong)size, path));
        }

        foreach (var v in Items(file["invalidAuditPaths"]))
        {
            var path = Items(v["path"]).Select(Hash).ToArray();
            Assert.False(
                BinaryMerkle.VerifyInclusion(Hash(v["root"]), Bytes(v["leaf"]), (ulong)v["index"]!, (ulong)v["size"]!, path),
                (string)v["description"]!);
        }
    }

    [Fact]
    public void State_proof_vectors_verify_with_the_recorded_results()
    {
        var file = Load("state-proofs.json");
        var results = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tree in Items(file["trees"]))
        {
            var entries = Items(tree["entries"]).Select(e => (Bytes(e["key"]), Bytes(e["value"]))).ToArray();
            var root = Hash(tree["root"]);
            Assert.Equal(root, new ReferenceStateTree(entries).Root);
            foreach (var e in Items(tree["entries"]))
            {
                var keyHash = SparseMerkle.KeyHash(Bytes(e["key"]));
                var valueHash = SparseMerkle.ValueHash(Bytes(e["value"]));
                Assert.Equal(Hash(e["keyHash"]), keyHash);
                Assert.Equal(Hash(e["valueHash"]), valueHash);
                Assert.Equal(Hash(e["leafHash"]), SparseMerkle.LeafHash(keyHash, valueHash));
            }

            foreach (var p in Items(tree["proofs"]))
            {
                var proof = StateProof.Decode(Bytes(p["encoding"]));
                Assert.Equal(Bytes(p["key"]), proof.Key);
                Assert.Equal(p["value"] is null ? null : Bytes(p["value"]), proof.Value);
                Assert.Equal(Items(p["siblings"]).Select(Hash), proof.Siblings);
                Assert.Equal(p["otherLeaf"] is { } o ? new OtherLeaf(Hash(o["keyHash"]), Hash(o["valueHash"])) : null, proof.OtherLeaf);
                Assert.Equal(Bytes(p["encoding"]), proof.Encode());
                var result = proof.Verify(root);
                Assert.Equal((string)p["result"]!, result.ToString().ToLowerInvariant());
                results.Add((string)p["description"]!);
            }
        }

        Assert.Contains("non-inclusion: the path ends in an empty subtree", results);
        Assert.Contains("non-inclusion: the path ends in another key's leaf", results);

        foreach (var v in Items(file["invalidProofs"]))
        {
            Assert.Equal(StateProofResult.Invalid, StateProof.Decode(Bytes(v["encoding"])).Verify(Hash(v["root"])));
        }

        foreach (var v in Items(file["invalidEncodings"]))
        {
            var bytes = Bytes(v["encoding"]);
            Assert.Throws<DecodeException>(() => StateProof.Decode(bytes));
        }
    }
}
