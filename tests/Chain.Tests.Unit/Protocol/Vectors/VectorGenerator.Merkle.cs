using System.Text.Json.Nodes;
using Chain.Protocol.Crypto;
using Chain.Protocol.Proofs;

namespace Chain.Tests.Unit.Protocol.Vectors;

internal static partial class VectorGenerator
{
    /// <summary>The leaves of the Certificate Transparency reference tests (RFC 6962 trees of 0..8 leaves).</summary>
    public static readonly byte[][] MerkleLeaves =
    [
        [],
        [0x00],
        [0x10],
        [0x20, 0x21],
        [0x30, 0x31],
        [0x40, 0x41, 0x42, 0x43],
        [0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57],
        [0x60, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f],
    ];

    private static JsonObject Merkle()
    {
        var roots = new JsonArray();
        for (var size = 0; size <= MerkleLeaves.Length; size++)
        {
            roots.Add(new JsonObject { ["size"] = size, ["root"] = Hex(BinaryMerkle.Root(MerkleLeaves[..size])) });
        }

        var paths = new JsonArray();
        for (var index = 0; index < 7; index++)
        {
            paths.Add(PathVector(7, index));
        }

        paths.Add(PathVector(8, 0));
        paths.Add(PathVector(8, 5));
        paths.Add(PathVector(1, 0));

        return new JsonObject
        {
            ["description"] = "RFC 6962 trees over 'leaves' (the first 'size' of them): leaf = SHA-256(0x00 || data), node = SHA-256(0x01 || left || right), empty = SHA-256(\"\"). Audit paths run from the leaf's sibling up. docs/protocol.md section 5.7.",
            ["leaves"] = Array(MerkleLeaves, l => Hex(l)),
            ["roots"] = roots,
            ["auditPaths"] = paths,
            ["invalidAuditPaths"] = Array(InvalidAuditPaths(), v => new JsonObject
            {
                ["description"] = v.Description,
                ["size"] = v.Size,
                ["index"] = v.Index,
                ["leaf"] = Hex(v.Leaf),
                ["path"] = Array(v.Path, h => Hex(h)),
                ["root"] = Hex(v.Root),
            }),
        };
    }

    private static JsonObject PathVector(int size, int index)
    {
        var leaves = MerkleLeaves[..size];
        return new JsonObject
        {
            ["size"] = size,
            ["index"] = index,
            ["leaf"] = Hex(leaves[index]),
            ["path"] = Array(BinaryMerkle.AuditPath(leaves, index), h => Hex(h)),
            ["root"] = Hex(BinaryMerkle.Root(leaves)),
        };
    }

    /// <summary>Variations of the path for leaf 5 of 7 that every verifier must reject.</summary>
    public static IEnumerable<(string Description, int Size, int Index, byte[] Leaf, IReadOnlyList<Hash32> Path, Hash32 Root)> InvalidAuditPaths()
    {
        var leaves = MerkleLeaves[..7];
        var root = BinaryMerkle.Root(leaves);
        var path = BinaryMerkle.AuditPath(leaves, 5);
        var flipped = path.ToArray();
        var bytes = flipped[1].ToArray();
        bytes[0] ^= 0x01;
        flipped[1] = new Hash32(bytes);
        yield return ("wrong index", 7, 4, leaves[5], path, root);
        yield return ("wrong leaf", 7, 5, leaves[4], path, root);
        yield return ("size 6 instead of 7", 6, 5, leaves[5], path, root);
        yield return ("index equal to size", 7, 7, leaves[5], path, root);
        yield return ("wrong root", 7, 5, leaves[5], path, BinaryMerkle.Root(leaves[..6]));
        yield return ("a path element changed", 7, 5, leaves[5], flipped, root);
        yield return ("an extra path element", 7, 5, leaves[5], [.. path, root], root);
        yield return ("the last path element missing", 7, 5, leaves[5], path.Take(path.Count - 1).ToArray(), root);
        yield return ("path elements swapped", 7, 5, leaves[5], [path[1], path[0], .. path.Skip(2)], root);
    }
}
