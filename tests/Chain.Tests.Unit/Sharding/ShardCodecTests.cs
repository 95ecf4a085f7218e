using Chain.Protocol;
using Chain.Protocol.Encoding;
using Chain.Protocol.Sharding;
using Chain.Tests.Unit.Protocol;
using CsCheck;

namespace Chain.Tests.Unit.Sharding;

/// <summary>Cross-shard receipts, incoming receipts and chunk headers decode to what was encoded, and decoders reject anything else.</summary>
public sealed class ShardCodecTests
{
    [Fact]
    public void A_shard_receipt_decodes_to_the_same_receipt_in_its_fixed_size() =>
        ProtocolGenerators.ShardReceipt.Sample(receipt =>
        {
            var bytes = receipt.Encode();
            Assert.Equal(ShardReceipt.EncodedSize, bytes.Length);
            Assert.Equal((ShardReceipt.CurrentVersion, (byte)receipt.Kind), (bytes[0], bytes[1]));
            Assert.Equal(receipt, ShardReceipt.Decode(bytes));
        });

    [Fact]
    public void An_incoming_receipt_decodes_to_the_same_receipt_position_and_path() =>
        ProtocolGenerators.IncomingReceipt.Sample(incoming =>
        {
            var bytes = incoming.Encode();
            Assert.True(bytes.Length <= IncomingReceipt.MaxEncodedSize);
            Assert.Equal(4 + ShardReceipt.EncodedSize + 9 + (32 * incoming.Path.Count), bytes.Length);
            CodecRoundTripTests.AssertSameIncoming([incoming], [IncomingReceipt.Decode(bytes)]);
        });

    [Fact]
    public void A_chunk_header_decodes_to_the_same_header_in_its_fixed_size() =>
        ProtocolGenerators.ChunkHeader.Sample(chunk =>
        {
            Assert.Equal(ChunkHeader.EncodedSize, chunk.Encode().Length);
            Assert.Equal(chunk, ChunkHeader.Decode(chunk.Encode()));
        });

    [Fact]
    public void A_shard_receipt_with_another_version_or_an_unknown_kind_is_rejected() =>
        Gen.Select(ProtocolGenerators.ShardReceipt, Gen.Byte, Gen.Byte).Sample((receipt, version, kind) =>
        {
            var bytes = receipt.Encode();
            if (version != ShardReceipt.CurrentVersion)
            {
                Assert.Throws<DecodeException>(() => ShardReceipt.Decode(With(bytes, 0, version)));
            }

            if (!Enum.IsDefined((ShardReceiptKind)kind))
            {
                Assert.Throws<DecodeException>(() => ShardReceipt.Decode(With(bytes, 1, kind)));
                Assert.Throws<DecodeException>(() => IncomingReceipt.Decode(With(new IncomingReceipt(receipt, 0, 1, []).Encode(), 4 + 1, kind)));
            }
        });

    [Fact]
    public void Trailing_bytes_are_rejected_by_each_decoder() =>
        Gen.Select(ProtocolGenerators.ShardReceipt, ProtocolGenerators.IncomingReceipt, ProtocolGenerators.ChunkHeader, Gen.Byte)
            .Sample((receipt, incoming, chunk, extra) =>
            {
                Assert.Throws<DecodeException>(() => ShardReceipt.Decode([.. receipt.Encode(), extra]));
                Assert.Throws<DecodeException>(() => IncomingReceipt.Decode([.. incoming.Encode(), extra]));
                Assert.Throws<DecodeException>(() => ChunkHeader.Decode([.. chunk.Encode(), extra]));
            });

    [Fact]
    public void A_path_longer_than_the_audit_path_limit_is_rejected_even_when_every_hash_is_present() =>
        Gen.Select(ProtocolGenerators.ShardReceipt, Gen.Int[ProtocolLimits.MaxAuditPath + 1, 255]).Sample((receipt, length) =>
        {
            var w = new CanonicalWriter();
            w.WriteBytes(receipt.Encode());
            w.WriteU32(0);
            w.WriteU32(1);
            w.WriteU8((byte)length);
            w.WriteFixed(new byte[32 * length]);
            var error = Assert.Throws<DecodeException>(() => IncomingReceipt.Decode(w.ToArray()));
            Assert.Contains("audit path", error.Message, StringComparison.Ordinal);
        });

    [Fact]
    public void The_receipt_inside_an_incoming_receipt_must_fill_its_length_prefix() =>
        ProtocolGenerators.IncomingReceipt.Sample(incoming =>
        {
            var bytes = incoming.Encode();
            var rest = bytes[(4 + ShardReceipt.EncodedSize)..];
            var shorter = new CanonicalWriter();
            shorter.WriteBytes(incoming.Receipt.Encode().AsSpan(0, ShardReceipt.EncodedSize - 1));
            Assert.Throws<DecodeException>(() => IncomingReceipt.Decode([.. shorter.ToArray(), .. rest]));
            var longer = new CanonicalWriter();
            longer.WriteBytes([.. incoming.Receipt.Encode(), 0]);
            Assert.Throws<DecodeException>(() => IncomingReceipt.Decode([.. longer.ToArray(), .. rest]));
        });

    private static byte[] With(byte[] bytes, int offset, byte value)
    {
        var copy = (byte[])bytes.Clone();
        copy[offset] = value;
        return copy;
    }
}
