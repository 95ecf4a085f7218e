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
    public void A_shard_receipt_decodes_to_the_same_receipt_transfers_in_their_fixed_size() =>
        ProtocolGenerators.ShardReceipt.Sample(receipt =>
        {
            var bytes = receipt.Encode();
            Assert.Equal(receipt.IsContract ? ShardReceipt.EncodedSize + receipt.Message!.EncodedLength : ShardReceipt.EncodedSize, bytes.Length);
            Assert.Equal(receipt.EncodedLength, bytes.Length);
            Assert.True(bytes.Length <= ShardReceipt.MaxEncodedSize);
            Assert.Equal((receipt.IsContract ? ShardReceipt.ContractVersion : ShardReceipt.CurrentVersion, (byte)receipt.Kind), (bytes[0], bytes[1]));
            Assert.Equal(receipt, ShardReceipt.Decode(bytes));
        });

    [Fact]
    public void An_incoming_receipt_decodes_to_the_same_receipt_position_and_path() =>
        ProtocolGenerators.IncomingReceipt.Sample(incoming =>
        {
            var bytes = incoming.Encode();
            Assert.True(bytes.Length <= IncomingReceipt.MaxEncodedSize);
            Assert.Equal(4 + incoming.Receipt.EncodedLength + 9 + (32 * incoming.Path.Count), bytes.Length);
            Assert.Equal(incoming.EncodedLength, bytes.Length);
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
            if (version != bytes[0])
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
            var rest = bytes[(4 + incoming.Receipt.EncodedLength)..];
            var shorter = new CanonicalWriter();
            shorter.WriteBytes(incoming.Receipt.Encode().AsSpan(0, incoming.Receipt.EncodedLength - 1));
            Assert.Throws<DecodeException>(() => IncomingReceipt.Decode([.. shorter.ToArray(), .. rest]));
            var longer = new CanonicalWriter();
            longer.WriteBytes([.. incoming.Receipt.Encode(), 0]);
            Assert.Throws<DecodeException>(() => IncomingReceipt.Decode([.. longer.ToArray(), .. rest]));
        });

    [Fact]
    public void A_contract_receipt_must_carry_a_message_of_its_kind_and_a_transfer_receipt_none()
    {
        var call = ContractCall([1, 2, 3]);
        Assert.Throws<InvalidOperationException>(() => (call with { Message = null }).Encode());
        Assert.Throws<InvalidOperationException>(() => (call with { Kind = ShardReceiptKind.Credit }).Encode());

        // A call with a non-zero status, and a callback that names a callback of its own, have no canonical meaning.
        Assert.Throws<DecodeException>(() => ShardReceipt.Decode((call with { Message = call.Message! with { Status = Chain.Protocol.Blocks.ReceiptStatus.Reverted } }).Encode()));
        var callback = call with { Kind = ShardReceiptKind.Callback };
        Assert.Throws<DecodeException>(() => ShardReceipt.Decode(callback.Encode()));
        var canonical = callback with { Message = callback.Message! with { Callback = string.Empty, CallbackGas = 0 } };
        Assert.Equal(canonical, ShardReceipt.Decode(canonical.Encode()));
        Assert.Throws<DecodeException>(() => ShardReceipt.Decode((canonical with { Message = canonical.Message! with { CallbackGas = 1 } }).Encode()));
    }

    [Fact]
    public void Contract_receipt_data_is_bounded_and_an_oversized_length_is_rejected_before_reading_it()
    {
        var largest = ContractCall(new byte[ProtocolLimits.MaxContractReceiptDataBytes]) is var r
            ? r with { Message = r.Message! with { Method = new string('m', 64), Callback = new string('c', 64) } }
            : null!;
        var bytes = largest.Encode();
        Assert.Equal(ShardReceipt.MaxEncodedSize, bytes.Length);
        Assert.Equal(largest, ShardReceipt.Decode(bytes));
        Assert.Equal(4 + ShardReceipt.MaxEncodedSize + 9 + (32 * ProtocolLimits.MaxAuditPath), IncomingReceipt.MaxEncodedSize);

        // One byte more of data: the length prefix alone is over the bound (the bytes are not even there).
        var prefixAt = bytes.Length - ProtocolLimits.MaxContractReceiptDataBytes - 4;
        var over = bytes[..(prefixAt + 4)];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(over.AsSpan(prefixAt), ProtocolLimits.MaxContractReceiptDataBytes + 1);
        var error = Assert.Throws<DecodeException>(() => ShardReceipt.Decode(over));
        Assert.Contains("exceeds the limit", error.Message, StringComparison.Ordinal);

        // A whole input longer than any receipt is rejected before parsing; inside an incoming receipt, by its length prefix.
        Assert.Throws<DecodeException>(() => ShardReceipt.Decode(new byte[ShardReceipt.MaxEncodedSize + 1]));
        var w = new CanonicalWriter();
        w.WriteU32(ShardReceipt.MaxEncodedSize + 1);
        Assert.Throws<DecodeException>(() => IncomingReceipt.Decode(w.ToArray()));
    }

    [Fact]
    public void Receipts_of_both_versions_follow_one_another_without_a_length_prefix_in_a_finalized_block() =>
        ProtocolGenerators.FinalizedBlock.Sample(block =>
        {
            var decoded = Chain.Protocol.Blocks.FinalizedBlock.Decode(block.Encode());
            Assert.Equal(block.Outgoing, decoded.Outgoing);
        });

    internal static ShardReceipt ContractCall(byte[] args) =>
        new(ShardReceiptKind.Call, 1, 2, 5, 9, new Chain.Protocol.Crypto.Hash32(new byte[32]), new Chain.Protocol.Crypto.Address(new byte[20]), new Chain.Protocol.Crypto.Address(Enumerable.Repeat((byte)7, 20).ToArray()), 300)
        {
            Message = new ContractMessage("deposit", 50_000, "on_done", 20_000, Chain.Protocol.Blocks.ReceiptStatus.Success, args),
        };

    private static byte[] With(byte[] bytes, int offset, byte value)
    {
        var copy = (byte[])bytes.Clone();
        copy[offset] = value;
        return copy;
    }
}
