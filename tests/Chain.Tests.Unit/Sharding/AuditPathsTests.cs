using Chain.Protocol.Proofs;

namespace Chain.Tests.Unit.Sharding;

/// <summary>Every leaf's path from the one-pass builder (used to prove a chunk's outgoing receipts) equals the RFC 6962 path and verifies.</summary>
public sealed class AuditPathsTests
{
    [Fact]
    public void All_paths_at_once_equal_each_path_alone_for_trees_of_0_to_40_leaves()
    {
        for (var n = 0; n <= 40; n++)
        {
            var leaves = Enumerable.Range(0, n).Select(i => new[] { (byte)i, (byte)((i * 7) % 256) }).ToArray();
            var paths = BinaryMerkle.AuditPaths(leaves);
            var root = BinaryMerkle.Root(leaves);
            Assert.Equal(n, paths.Length);
            for (var i = 0; i < n; i++)
            {
                Assert.Equal(BinaryMerkle.AuditPath(leaves, i), paths[i]);
                Assert.True(BinaryMerkle.VerifyInclusion(root, leaves[i], (ulong)i, (ulong)n, paths[i]));
            }
        }
    }
}
