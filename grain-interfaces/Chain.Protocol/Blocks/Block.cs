using Chain.Protocol.Encoding;
using Chain.Protocol.Transactions;

namespace Chain.Protocol.Blocks;

/// <summary>
/// A block as proposed: header, the parent's certificate (absent at height 1) and the transactions.
/// Receipts are not part of it: every validator derives them by execution and the header commits to them.
/// <see cref="Incoming"/> are the cross-shard receipts the block applies, each with its proof (docs/protocol.md §13).
/// Encoding: <c>header bytes | hasLast u8 | [certificate bytes] | count u32 | (tx bytes)* | incomingCount u32 | (incoming bytes)*</c>,
/// at most <see cref="ProtocolLimits.MaxBlockBytes"/>.
/// </summary>
public sealed record Block(BlockHeader Header, QuorumCertificate? LastCertificate, IReadOnlyList<SignedTransaction> Transactions)
{
    public IReadOnlyList<Sharding.IncomingReceipt> Incoming { get; init; } = [];

    public Crypto.Hash32 Hash() => Header.Hash();

    public byte[] Encode()
    {
        var header = Header.Encode();
        var last = LastCertificate?.Encode();
        var incoming = EncodeIncoming(Incoming);
        var w = new CanonicalWriter(checked(4 + header.Length + OptionalLength(last) + TransactionsLength(Transactions) + IncomingLength(incoming)));
        w.WriteBytes(header);
        WriteOptional(w, last);
        w.WriteU32((uint)Transactions.Count);
        foreach (var tx in Transactions)
        {
            w.WriteBytes(tx.EncodedSpan);
        }

        WriteIncoming(w, incoming);
        return w.ToArray();
    }

    public static Block Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > ProtocolLimits.MaxBlockBytes)
        {
            throw new DecodeException($"block of {bytes.Length} bytes exceeds the limit of {ProtocolLimits.MaxBlockBytes}");
        }

        var r = new CanonicalReader(bytes);
        var header = BlockHeader.Decode(r.ReadBytes(BlockHeader.EncodedMaxBytes));
        var last = ReadOptionalCertificate(ref r);
        var count = r.ReadCount(ProtocolLimits.MaxTransactionsPerBlock, 4);
        var txs = new SignedTransaction[count];
        for (var i = 0; i < count; i++)
        {
            txs[i] = SignedTransaction.Decode(r.ReadBytes(ProtocolLimits.MaxTransactionBytes));
        }

        var incoming = ReadIncoming(ref r);
        r.EnsureEnd();
        return new Block(header, last, txs) { Incoming = incoming };
    }

    /// <summary>Null when the body matches the header (count, transactions root, last-certificate hash); otherwise what is wrong.</summary>
    public string? CheckBody()
    {
        if (Header.TransactionCount != (uint)Transactions.Count)
        {
            return "the transaction count does not match the header";
        }

        if (FinalizedBlock.TransactionsRoot(Transactions) != Header.TransactionsRoot)
        {
            return "transactions do not match the header's transactions root";
        }

        return QuorumCertificate.HashOf(LastCertificate) != Header.LastCertificateHash
            ? "the parent certificate does not match the header's last-certificate hash"
            : null;
    }

    // The encoders size their writer exactly (the parts below, pre-encoded where their size is not fixed), so a block of megabytes
    // is one allocation, not a doubling series and a copy on the large object heap.
    internal static byte[][] EncodeIncoming(IReadOnlyList<Sharding.IncomingReceipt> incoming) => [.. incoming.Select(e => e.Encode())];

    internal static int IncomingLength(byte[][] incoming) => 4 + incoming.Sum(e => 4 + e.Length);

    internal static int TransactionsLength(IReadOnlyList<SignedTransaction> transactions)
    {
        var length = 4;
        for (var i = 0; i < transactions.Count; i++)
        {
            length = checked(length + 4 + transactions[i].EncodedLength);
        }

        return length;
    }

    internal static int OptionalLength(byte[]? certificate) => 1 + (certificate is null ? 0 : 4 + certificate.Length);

    internal static void WriteIncoming(CanonicalWriter w, byte[][] incoming)
    {
        w.WriteU32((uint)incoming.Length);
        foreach (var entry in incoming)
        {
            w.WriteBytes(entry);
        }
    }

    internal static Sharding.IncomingReceipt[] ReadIncoming(ref CanonicalReader r)
    {
        var count = r.ReadCount(ProtocolLimits.MaxIncomingPerBlock, 4 + Sharding.ShardReceipt.EncodedSize);
        var incoming = new Sharding.IncomingReceipt[count];
        for (var i = 0; i < count; i++)
        {
            incoming[i] = Sharding.IncomingReceipt.Decode(r.ReadBytes(Sharding.IncomingReceipt.MaxEncodedSize));
        }

        return incoming;
    }

    /// <summary>An optional certificate: a presence flag, then its encoding.</summary>
    internal static void WriteOptional(CanonicalWriter w, byte[]? certificate)
    {
        w.WriteBool(certificate is not null);
        if (certificate is not null)
        {
            w.WriteBytes(certificate);
        }
    }

    internal static QuorumCertificate? ReadOptionalCertificate(ref CanonicalReader r) =>
        r.ReadBool() ? QuorumCertificate.Decode(r.ReadBytes(ProtocolLimits.MaxCertificateBytes)) : null;
}
