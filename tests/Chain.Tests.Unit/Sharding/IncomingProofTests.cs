using Chain.Protocol.Proofs;
using Chain.Protocol.Sharding;
using Chain.Tests.Unit.Protocol;
using CsCheck;

namespace Chain.Tests.Unit.Sharding;

/// <summary>An incoming receipt proves itself against its source chunk's outgoing root and count (docs/protocol.md §13.4).</summary>
public sealed class IncomingProofTests
{
    private static readonly Gen<ShardReceipt[]> Chunk = ProtocolGenerators.ShardReceipt.Array[1, 20];

    [Fact]
    public void Every_receipt_of_a_chunk_verifies_against_its_root_and_count() =>
        Chunk.Sample(chunk =>
        {
            var (root, count) = RootOf(chunk);
            var proved = IncomingReceipt.ProveAll(chunk);
            Assert.Equal(chunk, proved.Select(p => p.Receipt));
            Assert.Equal(Enumerable.Range(0, chunk.Length).Select(i => (uint)i), proved.Select(p => p.Index));
            Assert.All(proved, p => Assert.True(p.Verifies(root, count)));
        });

    [Fact]
    public void A_changed_receipt_another_index_or_another_root_does_not_verify() =>
        Gen.Select(Chunk, Gen.Int[0, int.MaxValue]).Sample((chunk, pick) =>
        {
            var (root, count) = RootOf(chunk);
            var proof = IncomingReceipt.ProveAll(chunk)[pick % chunk.Length];
            Assert.False((proof with { Receipt = proof.Receipt with { Amount = proof.Receipt.Amount ^ 1 } }).Verifies(root, count));
            Assert.False((proof with { Receipt = proof.Receipt with { Sequence = proof.Receipt.Sequence ^ 1 } }).Verifies(root, count));
            if (chunk.Length > 1 && chunk.Distinct().Count() == chunk.Length)
            {
                Assert.False((proof with { Index = (proof.Index + 1) % count }).Verifies(root, count));
            }

            var (otherRoot, _) = RootOf([.. chunk, chunk[0] with { Amount = chunk[0].Amount ^ 1 }]);
            Assert.False(proof.Verifies(otherRoot, count));
        });

    [Fact]
    public void The_leaf_count_must_be_the_chunks_even_where_the_path_alone_verifies_for_another()
    {
        // Leaf 0 of 3 has the same path shape as leaf 0 of 4: only the stored count tells them apart (§5.7).
        var chunk = IncomingReceipt.ProveAll(ProtocolGenerators.ShardReceipt.Array[3].Single());
        var (root, count) = RootOf([.. chunk.Select(c => c.Receipt)]);
        var claimsFour = chunk[0] with { LeafCount = 4 };
        Assert.True(BinaryMerkle.VerifyInclusion(root, claimsFour.Receipt.Encode(), claimsFour.Index, claimsFour.LeafCount, claimsFour.Path));
        Assert.False(claimsFour.Verifies(root, count));
        Assert.False(chunk[0].Verifies(root, 4));
        Assert.True(chunk[0].Verifies(root, count));
    }

    private static (Chain.Protocol.Crypto.Hash32 Root, uint Count) RootOf(ShardReceipt[] chunk) =>
        (BinaryMerkle.Root(chunk.Select(r => r.Encode()).ToArray()), (uint)chunk.Length);
}
