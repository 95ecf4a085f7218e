using Chain.Protocol.Crypto;
using Chain.Protocol.Encoding;

namespace Chain.Protocol.Blocks;

/// <summary>The result of one included transaction: <c>txHash 32 | status u8 | feeCharged u64</c>.</summary>
public sealed record Receipt(Hash32 TransactionHash, ReceiptStatus Status, ulong FeeCharged)
{
    public const int EncodedSize = 32 + 1 + 8;

    public byte[] Encode()
    {
        var w = new CanonicalWriter(EncodedSize);
        w.WriteFixed(TransactionHash.ToArray());
        w.WriteU8((byte)Status);
        w.WriteU64(FeeCharged);
        return w.ToArray();
    }

    public static Receipt Decode(ReadOnlySpan<byte> bytes)
    {
        var r = new CanonicalReader(bytes);
        var hash = new Hash32(r.ReadFixed(32));
        var status = r.ReadU8();
        if (!Enum.IsDefined((ReceiptStatus)status))
        {
            throw new DecodeException($"unknown receipt status {status}");
        }

        var fee = r.ReadU64();
        r.EnsureEnd();
        return new Receipt(hash, (ReceiptStatus)status, fee);
    }
}
