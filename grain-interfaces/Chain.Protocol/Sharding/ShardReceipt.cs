using Chain.Protocol.Crypto;
using Chain.Protocol.Encoding;

namespace Chain.Protocol.Sharding;

/// <summary>
/// A cross-shard receipt (docs/protocol.md §13.3): value (and, for contract receipts, a message) that left <see cref="Source"/> at
/// <see cref="SourceHeight"/> and must arrive at <see cref="Destination"/> exactly once. <see cref="Sequence"/> numbers the receipts
/// of one (source, destination) pair and <see cref="Channel"/> from 0 without gaps; the destination applies them in that order,
/// which is what makes delivery exactly-once. Transfers (credit, refund) are channel 0, contract calls and callbacks channel 1:
/// the two channels are applied by different lanes (§13.5), so each keeps its own counters.
/// <see cref="Origin"/> is the hash of the transaction that started it (every later leg keeps it, so all legs name one transaction).
/// Encoding, version 1 (credit, refund; exactly <see cref="EncodedSize"/> bytes):
/// <c>version u8 (1) | kind u8 | source u16 | destination u16 | sequence u64 | sourceHeight u64 | origin 32 | from 20 | to 20 | amount u64</c>;
/// version 2 (call, callback): the same fields with version 2, then the <see cref="ContractMessage"/> (at most <see cref="MaxEncodedSize"/> bytes).
/// Every encoding is self-delimiting, so receipts follow one another without a length prefix.
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

    /// <summary>The encoding version of contract receipts (kinds 3 and 4).</summary>
    public const byte ContractVersion = 2;

    /// <summary>The size of a version 1 receipt, and the smallest receipt of any version.</summary>
    public const int EncodedSize = 1 + 1 + 2 + 2 + 8 + 8 + 32 + Address.Size + Address.Size + 8;

    /// <summary>The largest receipt: a version 2 receipt with the largest message.</summary>
    public const int MaxEncodedSize = EncodedSize + ContractMessage.MaxEncodedLength;

    /// <summary>The transfer channel (kinds 1, 2).</summary>
    public const byte TransferChannel = 0;

    /// <summary>The contract channel (kinds 3, 4).</summary>
    public const byte ContractChannel = 1;

    /// <summary>The call or callback message; present exactly for kinds 3 and 4.</summary>
    public ContractMessage? Message { get; init; }

    /// <summary>Whether this is a call or a callback (channel 1, encoding version 2).</summary>
    public bool IsContract => IsContractKind(Kind);

    /// <summary>The sequence channel: <see cref="TransferChannel"/> or <see cref="ContractChannel"/>.</summary>
    public byte Channel => IsContract ? ContractChannel : TransferChannel;

    public int EncodedLength => EncodedSize + (Message?.EncodedLength ?? 0);

    public static bool IsContractKind(ShardReceiptKind kind) => kind is ShardReceiptKind.Call or ShardReceiptKind.Callback;

    public byte[] Encode()
    {
        if (IsContract != Message is not null)
        {
            throw new InvalidOperationException($"a {Kind} receipt {(IsContract ? "needs" : "has no")} contract message");
        }

        var w = new CanonicalWriter(EncodedLength);
        Write(w);
        return w.ToArray();
    }

    public void Write(CanonicalWriter w)
    {
        w.WriteU8(IsContract ? ContractVersion : CurrentVersion);
        w.WriteU8((byte)Kind);
        w.WriteU16(Source);
        w.WriteU16(Destination);
        w.WriteU64(Sequence);
        w.WriteU64(SourceHeight);
        w.WriteFixed(Origin.ToArray());
        w.WriteFixed(From.ToArray());
        w.WriteFixed(To.ToArray());
        w.WriteU64(Amount);
        Message?.Write(w);
    }

    public static ShardReceipt Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > MaxEncodedSize)
        {
            throw new DecodeException($"a shard receipt is at most {MaxEncodedSize} bytes, not {bytes.Length}");
        }

        var r = new CanonicalReader(bytes);
        var receipt = Read(ref r);
        r.EnsureEnd();
        return receipt;
    }

    /// <summary>Reads one receipt from <paramref name="r"/>: its version and kind say where it ends.</summary>
    public static ShardReceipt Read(ref CanonicalReader r)
    {
        var version = r.ReadU8();
        if (version is not (CurrentVersion or ContractVersion))
        {
            throw new DecodeException($"unsupported shard receipt version {version}");
        }

        var kind = r.ReadU8();
        if (!Enum.IsDefined((ShardReceiptKind)kind) || IsContractKind((ShardReceiptKind)kind) != (version == ContractVersion))
        {
            throw new DecodeException($"unknown shard receipt kind {kind} for version {version}");
        }

        var receipt = new ShardReceipt(
            (ShardReceiptKind)kind,
            r.ReadU16(),
            r.ReadU16(),
            r.ReadU64(),
            r.ReadU64(),
            new Hash32(r.ReadFixed(32)),
            new Address(r.ReadFixed(Address.Size)),
            new Address(r.ReadFixed(Address.Size)),
            r.ReadU64());
        return version == ContractVersion ? receipt with { Message = ContractMessage.Read(ref r, receipt.Kind) } : receipt;
    }
}
