using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;
using Chain.Protocol.Proofs;
using Chain.Tests.Unit.Protocol.Vectors;

namespace Chain.Tests.Unit.Protocol;

/// <summary>RFC 6962 trees: known roots, and audit paths that verify exactly for the leaf they were built for.</summary>
public sealed class BinaryMerkleTests
{
    public static TheoryData<int, string> CertificateTransparencyRoots => new()
    {
        // From the Certificate Transparency reference tests, over the leaves in VectorGenerator.MerkleLeaves.
        { 0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
        { 1, "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d" },
        { 2, "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125" },
        { 3, "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77" },
        { 4, "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7" },
        { 5, "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4" },
        { 6, "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef" },
        { 7, "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c" },
        { 8, "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328" },
    };

    public static TheoryData<int> Sizes => [.. Enumerable.Range(1, 20)];

    [Theory]
    [MemberData(nameof(CertificateTransparencyRoots))]
    public void The_root_matches_the_certificate_transparency_reference(int size, string root)
    {
        Assert.Equal(Hash32.Parse(root), BinaryMerkle.Root(VectorGenerator.MerkleLeaves[..size]));
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void The_audit_path_of_every_leaf_verifies_and_fails_for_every_other_index(int size)
    {
        var leaves = Leaves(size);
        var root = BinaryMerkle.Root(leaves);
        for (var index = 0; index < size; index++)
        {
            var path = BinaryMerkle.AuditPath(leaves, index);
            Assert.True(path.Count <= 5);
            Assert.True(BinaryMerkle.VerifyInclusion(root, leaves[index], (ulong)index, (ulong)size, path));
            for (var other = 0; other < size; other++)
            {
                if (other != index)
                {
                    Assert.False(BinaryMerkle.VerifyInclusion(root, leaves[index], (ulong)other, (ulong)size, path));
                    Assert.False(BinaryMerkle.VerifyInclusion(root, leaves[other], (ulong)index, (ulong)size, path));
                }
            }

            Assert.False(BinaryMerkle.VerifyInclusion(root, leaves[index], (ulong)size, (ulong)size, path));
        }
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void A_tampered_audit_path_or_root_fails(int size)
    {
        var leaves = Leaves(size);
        var root = BinaryMerkle.Root(leaves);
        for (var index = 0; index < size; index++)
        {
            var path = BinaryMerkle.AuditPath(leaves, index);
            Assert.False(BinaryMerkle.VerifyInclusion(Flip(root), leaves[index], (ulong)index, (ulong)size, path));
            Assert.False(BinaryMerkle.VerifyInclusion(root, leaves[index], (ulong)index, (ulong)size, [.. path, root]));
            for (var i = 0; i < path.Count; i++)
            {
                var tampered = path.ToArray();
                tampered[i] = Flip(tampered[i]);
                Assert.False(BinaryMerkle.VerifyInclusion(root, leaves[index], (ulong)index, (ulong)size, tampered));
                Assert.False(BinaryMerkle.VerifyInclusion(root, leaves[index], (ulong)index, (ulong)size, path.Where((_, j) => j != i).ToArray()));
            }
        }
    }

    [Fact]
    public void An_interior_node_cannot_pass_as_a_leaf()
    {
        var leaves = Leaves(2);
        var root = BinaryMerkle.Root(leaves);
        var children = BinaryMerkle.LeafHash(leaves[0]).ToArray().Concat(BinaryMerkle.LeafHash(leaves[1]).ToArray()).ToArray();
        Assert.Equal(root, Hashing.Sha256([0x01, .. children]));
        Assert.False(BinaryMerkle.VerifyInclusion(root, children, 0, 1, []));
    }

    [Fact]
    public void A_path_longer_than_the_limit_is_rejected_without_hashing()
    {
        var path = Enumerable.Repeat(Hash32.Zero, Chain.Protocol.ProtocolLimits.MaxAuditPath + 1).ToArray();
        Assert.False(BinaryMerkle.VerifyInclusion(Hash32.Zero, [], 0, ulong.MaxValue, path));
    }

    [Fact]
    public void The_transactions_root_is_over_transaction_hashes_and_the_receipts_root_over_encoded_receipts()
    {
        var txs = new[] { VectorFixtures.TransferWithoutMemo(), VectorFixtures.TransferWithMemo() };
        var receipts = txs.Select(VectorFixtures.SuccessReceipt).ToArray();
        var txLeaves = txs.Select(t => BinaryMerkle.LeafHash(t.Hash.ToArray()).ToArray()).ToArray();
        var receiptLeaves = receipts.Select(r => BinaryMerkle.LeafHash(r.Encode()).ToArray()).ToArray();
        Assert.Equal(Hashing.Sha256([0x01, .. txLeaves[0], .. txLeaves[1]]), FinalizedBlock.TransactionsRoot(txs));
        Assert.Equal(Hashing.Sha256([0x01, .. receiptLeaves[0], .. receiptLeaves[1]]), FinalizedBlock.ReceiptsRoot(receipts));
        Assert.Equal(Hashing.Sha256([]), FinalizedBlock.TransactionsRoot([]));
    }

    private static byte[][] Leaves(int size) => [.. Enumerable.Range(0, size).Select(i => new[] { (byte)i, (byte)(i * 7) })];

    private static Hash32 Flip(Hash32 hash)
    {
        var bytes = hash.ToArray();
        bytes[^1] ^= 1;
        return new Hash32(bytes);
    }
}
