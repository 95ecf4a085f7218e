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
        var w = new CanonicalWriter(1024);
        w.WriteBytes(Header.Encode());
        WriteOptionalCertificate(w, LastCertificate);
        w.WriteU32((uint)Transactions.Count);
        foreach (var tx in Transactions)
        {
            w.WriteBytes(tx.EncodedSpan);
        }

        WriteIncoming(w, Incoming);
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

    internal static void WriteIncoming(CanonicalWriter w, IReadOnlyList<Sharding.IncomingReceipt> incoming)
    {
        w.WriteU32((uint)incoming.Count);
        foreach (var entry in incoming)
        {
            w.WriteBytes(entry.Encode());
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

    internal static void WriteOptionalCertificate(CanonicalWriter w, QuorumCertificate? certificate)
    {
        w.WriteBool(certificate is not null);
        if (certificate is not null)
        {
            w.WriteBytes(certificate.Encode());
        }
    }

    internal static QuorumCertificate? ReadOptionalCertificate(ref CanonicalReader r) =>
        r.ReadBool() ? QuorumCertificate.Decode(r.ReadBytes(ProtocolLimits.MaxCertificateBytes)) : null;
}
