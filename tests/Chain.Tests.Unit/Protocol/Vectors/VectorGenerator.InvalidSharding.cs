using System.Text.Json.Nodes;
using Chain.Protocol;
using Chain.Protocol.Encoding;
using Chain.Protocol.Sharding;

namespace Chain.Tests.Unit.Protocol.Vectors;

internal static partial class VectorGenerator
{
    private static JsonObject InvalidShardingEncodings() => new()
    {
        ["description"] = "Byte strings the decoder of each type must reject.",
        ["shardReceipts"] = InvalidList(InvalidShardReceipts()),
        ["incomingReceipts"] = InvalidList(InvalidIncomingReceipts()),
        ["chunkHeaders"] = InvalidList(InvalidChunkHeaders()),
    };

    public static IEnumerable<(string Description, byte[] Bytes)> InvalidShardReceipts()
    {
        var bytes = VectorFixtures.SourceChunk()[1].Encode();
        yield return ("version 0", With(bytes, 0, 0));
        yield return ("version 2", With(bytes, 0, 2));
        yield return ("kind 0", With(bytes, 1, 0));
        yield return ("kind 3", With(bytes, 1, 3));
        yield return ("one trailing byte", [.. bytes, 0x00]);
        yield return ("last byte missing", bytes[..^1]);
    }

    public static IEnumerable<(string Description, byte[] Bytes)> InvalidIncomingReceipts()
    {
        var incoming = IncomingReceipt.ProveAll(VectorFixtures.SourceChunk())[2];
        var bytes = incoming.Encode();
        var receipt = incoming.Receipt.Encode();
        var pathLengthOffset = 4 + receipt.Length + 4 + 4;
        yield return ("one trailing byte", [.. bytes, 0x00]);
        yield return ("the last path hash missing", bytes[..^32]);
        yield return ($"path of {ProtocolLimits.MaxAuditPath + 1} hashes, all present", [.. bytes[..pathLengthOffset], (byte)(ProtocolLimits.MaxAuditPath + 1), .. new byte[32 * (ProtocolLimits.MaxAuditPath + 1)]]);
        yield return ("path length 255, all hashes present", [.. With(bytes, pathLengthOffset, 255), .. new byte[32 * (255 - incoming.Path.Count)]]);
        yield return ("receipt with kind 3", With(bytes, 4 + 1, 3));
        yield return ("receipt with version 2", With(bytes, 4, 2));
        var w = new CanonicalWriter();
        w.WriteBytes(receipt.AsSpan(0, receipt.Length - 1));
        yield return ("receipt length prefix 107, the receipt one byte short", [.. w.ToArray(), .. bytes[(4 + receipt.Length)..]]);
        var longer = new CanonicalWriter();
        longer.WriteBytes([.. receipt, 0x00]);
        yield return ("receipt length prefix 109, one byte after the receipt", [.. longer.ToArray(), .. bytes[(4 + receipt.Length)..]]);
    }

    public static IEnumerable<(string Description, byte[] Bytes)> InvalidChunkHeaders()
    {
        var bytes = VectorFixtures.ShardedBlock().Chunks[1].Encode();
        yield return ("one trailing byte", [.. bytes, 0x00]);
        yield return ("last byte missing", bytes[..^1]);
        yield return ("empty input", []);
    }

    private static byte[] With(byte[] bytes, int offset, byte value)
    {
        var copy = (byte[])bytes.Clone();
        copy[offset] = value;
        return copy;
    }
}
