using Chain.Protocol.Crypto;
using Chain.Protocol.Encoding;

namespace Chain.Protocol.Sharding;

/// <summary>
/// A cross-shard receipt (docs/protocol.md §13.3): value that left <see cref="Source"/> at <see cref="SourceHeight"/> and must
/// arrive at <see cref="Destination"/> exactly once. <see cref="Sequence"/> numbers the receipts of one (source, destination)
/// pair from 0 without gaps; the destination applies them in that order, which is what makes delivery exactly-once.
/// <see cref="Origin"/> is the hash of the transfer that started it (a refund keeps it, so both legs name one transaction).
/// Encoding: <c>version u8 (1) | kind u8 | source u16 | destination u16 | sequence u64 | sourceHeight u64 | origin 32 | from 20 | to 20 | amount u64</c>.
/// </summary>
public sealed record ShardReceipt(
    ShardReceiptKind Kind,
    ushort Source,
    ushort Destination,
    ulong Sequence,
    ulong SourceHeight,
    Hash32 Origin,
    Address From,
    Address To,
    ulong Amount)
{
    public const byte CurrentVersion = 1;
    public const int EncodedSize = 1 + 1 + 2 + 2 + 8 + 8 + 32 + Address.Size + Address.Size + 8;

    public byte[] Encode()
    {
        var w = new CanonicalWriter(EncodedSize);
        w.WriteU8(CurrentVersion);
        w.WriteU8((byte)Kind);
        w.WriteU16(Source);
        w.WriteU16(Destination);
        w.WriteU64(Sequence);
        w.WriteU64(SourceHeight);
        w.WriteFixed(Origin.ToArray());
        w.WriteFixed(From.ToArray());
        w.WriteFixed(To.ToArray());
        w.WriteU64(Amount);
        return w.ToArray();
    }

    public static ShardReceipt Decode(ReadOnlySpan<byte> bytes)
    {
        var r = new CanonicalReader(bytes);
        var receipt = Read(ref r);
        r.EnsureEnd();
        return receipt;
    }

    internal static ShardReceipt Read(ref CanonicalReader r)
    {
        var version = r.ReadU8();
        if (version != CurrentVersion)
        {
            throw new DecodeException($"unsupported shard receipt version {version}");
        }

        var kind = r.ReadU8();
        if (!Enum.IsDefined((ShardReceiptKind)kind))
        {
            throw new DecodeException($"unknown shard receipt kind {kind}");
        }

        return new ShardReceipt(
            (ShardReceiptKind)kind,
            r.ReadU16(),
            r.ReadU16(),
            r.ReadU64(),
            r.ReadU64(),
            new Hash32(r.ReadFixed(32)),
            new Address(r.ReadFixed(Address.Size)),
            new Address(r.ReadFixed(Address.Size)),
            r.ReadU64());
    }
}
