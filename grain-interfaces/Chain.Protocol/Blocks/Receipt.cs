using Chain.Protocol.Crypto;
using Chain.Protocol.Encoding;

namespace Chain.Protocol.Blocks;

/// <summary>
/// The result of one included transaction: <c>txHash 32 | status u8 | feeCharged u64 | [contract section]</c>.
/// The contract section (<see cref="ContractOutcome"/>) is present exactly when the transaction is a deploy, call or
/// upgrade, so receipts of every other payload stay 41 bytes; a decoder that knows the transaction knows which.
/// </summary>
public sealed record Receipt(Hash32 TransactionHash, ReceiptStatus Status, ulong FeeCharged, ContractOutcome? Contract = null)
{
    /// <summary>The size of a receipt without a contract section.</summary>
    public const int EncodedSize = 32 + 1 + 8;

    /// <summary>The length of <see cref="Encode"/>: <see cref="EncodedSize"/>, plus the contract section when there is one.</summary>
    public int EncodedLength => EncodedSize + (Contract?.EncodedLength ?? 0);

    public byte[] Encode()
    {
        var w = new CanonicalWriter(EncodedLength);
        Write(w);
        return w.ToArray();
    }

    public void Write(CanonicalWriter w)
    {
        w.WriteFixed(TransactionHash.ToArray());
        w.WriteU8((byte)Status);
        w.WriteU64(FeeCharged);
        Contract?.Write(w);
    }

    /// <summary>Decodes one receipt: 41 bytes are a receipt without a contract section, anything longer must carry exactly one.</summary>
    public static Receipt Decode(ReadOnlySpan<byte> bytes)
    {
        var r = new CanonicalReader(bytes);
        var receipt = Read(ref r, bytes.Length > EncodedSize);
        r.EnsureEnd();
        return receipt;
    }

    /// <summary>Reads one receipt; <paramref name="withContract"/> says whether its transaction is a contract payload.</summary>
    public static Receipt Read(ref CanonicalReader r, bool withContract)
    {
        var hash = new Hash32(r.ReadFixed(32));
        var status = r.ReadU8();
        if (!Enum.IsDefined((ReceiptStatus)status))
        {
            throw new DecodeException($"unknown receipt status {status}");
        }

        var fee = r.ReadU64();
        var contract = withContract ? ContractOutcome.Read(ref r) : null;
        return new Receipt(hash, (ReceiptStatus)status, fee, contract);
    }
}
