using System.Text.Json.Nodes;
using Chain.Protocol;
using Chain.Protocol.Blocks;
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

        var chunk = VectorFixtures.ContractChunk();
        var call = chunk[1];
        var callBytes = call.Encode();
        yield return ("a call (kind 3) with version 1", With(callBytes, 0, 1));
        yield return ("a credit (kind 1) with version 2 and a contract message", With(callBytes, 1, 1));
        yield return ("a call with status 12 (only a callback carries one)", (call with { Message = call.Message! with { Status = ReceiptStatus.Reverted } }).Encode());
        var callback = chunk[2];
        yield return ("a callback naming a callback of its own", (callback with { Message = callback.Message! with { Callback = "again" } }).Encode());
        yield return ("a callback with callback gas 1", (callback with { Message = callback.Message! with { CallbackGas = 1 } }).Encode());
        var statusAt = callBytes.Length - 4 - call.Message!.Data.Length - 1;
        yield return ("a call with status byte 24, not a receipt status", With(callBytes, statusAt, 24));
        var methodAt = ShardReceipt.EncodedSize;
        yield return ("a method of 65 characters", [.. callBytes[..methodAt], 65, .. Enumerable.Repeat((byte)'m', 65), .. callBytes[(methodAt + 1 + call.Message.Method.Length)..]]);
        yield return ("a method with a byte outside printable ASCII", With(callBytes, methodAt + 1, 0x7f));
        var w = new CanonicalWriter();
        w.WriteU32(ProtocolLimits.MaxContractReceiptDataBytes + 1);
        yield return ($"data length prefix {ProtocolLimits.MaxContractReceiptDataBytes + 1}, over the limit (the bytes absent)", [.. callBytes[..(statusAt + 1)], .. w.ToArray()]);
        yield return ("a call one byte short", callBytes[..^1]);
        yield return ("a call with one trailing byte", [.. callBytes, 0x00]);
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
