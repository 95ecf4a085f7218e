using Chain.Protocol.Encoding;
using Chain.Protocol.Proofs;
using Chain.Protocol.Transactions;

namespace Chain.Protocol.Blocks;

/// <summary>
/// A block as stored and served: header, its own certificate, the parent's certificate it carries,
/// transactions and receipts.
/// Encoding: <c>header bytes | certificate bytes | hasLast u8 | [last certificate bytes] | txCount u32 | (tx bytes)* | receipt* |
/// incomingCount u32 | (incoming bytes)* | outgoingCount u32 | (shard receipt, self-delimiting)* | chunkCount u16 | chunk header*</c>
/// (each receipt 41 bytes, plus its contract section when its transaction is a contract payload; cross-shard parts: §13).
/// <see cref="CheckBody"/> recomputes the transaction and receipt roots, so a client can trust the body
/// once it trusts the header.
/// </summary>
public sealed record FinalizedBlock(
    BlockHeader Header,
    QuorumCertificate Certificate,
    QuorumCertificate? LastCertificate,
    IReadOnlyList<SignedTransaction> Transactions,
    IReadOnlyList<Receipt> Receipts)
{
    /// <summary>The cross-shard receipts the block applied, with their proofs.</summary>
    public IReadOnlyList<Sharding.IncomingReceipt> Incoming { get; init; } = [];

    /// <summary>The cross-shard receipts the block sent, by source shard, then destination, then channel, then sequence.</summary>
    public IReadOnlyList<Sharding.ShardReceipt> Outgoing { get; init; } = [];

    /// <summary>The chunk headers of shards 0..N-1, which the header's ChunksRoot commits to.</summary>
    public IReadOnlyList<Sharding.ChunkHeader> Chunks { get; init; } = [];

    public byte[] Encode()
    {
        var header = Header.Encode();
        var certificate = Certificate.Encode();
        var last = LastCertificate?.Encode();
        var incoming = Block.EncodeIncoming(Incoming);
        var size = checked(
            4 + header.Length + 4 + certificate.Length + Block.OptionalLength(last) + Block.TransactionsLength(Transactions) +
            Receipts.Sum(r => r.EncodedLength) + Block.IncomingLength(incoming) +
            4 + Outgoing.Sum(r => r.EncodedLength) + 2 + (Chunks.Count * Sharding.ChunkHeader.EncodedSize));
        var w = new CanonicalWriter(size);
        w.WriteBytes(header);
        w.WriteBytes(certificate);
        Block.WriteOptional(w, last);
        w.WriteU32((uint)Transactions.Count);
        foreach (var tx in Transactions)
        {
            w.WriteBytes(tx.EncodedSpan);
        }

        foreach (var receipt in Receipts)
        {
            receipt.Write(w);
        }

        Block.WriteIncoming(w, incoming);
        w.WriteU32((uint)Outgoing.Count);
        foreach (var receipt in Outgoing)
        {
            receipt.Write(w);
        }

        w.WriteU16((ushort)Chunks.Count);
        foreach (var chunk in Chunks)
        {
            w.WriteFixed(chunk.Encode());
        }

        return w.ToArray();
    }

    public static FinalizedBlock Decode(ReadOnlySpan<byte> bytes)
    {
        var r = new CanonicalReader(bytes);
        var header = BlockHeader.Decode(r.ReadBytes(BlockHeader.EncodedMaxBytes));
        var certificate = QuorumCertificate.Decode(r.ReadBytes(ProtocolLimits.MaxCertificateBytes));
        var last = Block.ReadOptionalCertificate(ref r);
        var count = r.ReadCount(ProtocolLimits.MaxTransactionsPerBlock, 4 + Receipt.EncodedSize);
        var txs = new SignedTransaction[count];
        for (var i = 0; i < count; i++)
        {
            txs[i] = SignedTransaction.Decode(r.ReadBytes(ProtocolLimits.MaxTransactionBytes));
        }

        var receipts = new Receipt[count];
        for (var i = 0; i < count; i++)
        {
            receipts[i] = Receipt.Read(ref r, txs[i].Body.Payload is IContractPayload);
        }

        var incoming = Block.ReadIncoming(ref r);
        var outgoingCount = r.ReadCount(ProtocolLimits.MaxTransactionsPerBlock + ProtocolLimits.MaxIncomingPerBlock, Sharding.ShardReceipt.EncodedSize);
        var outgoing = new Sharding.ShardReceipt[outgoingCount];
        for (var i = 0; i < outgoingCount; i++)
        {
            outgoing[i] = Sharding.ShardReceipt.Read(ref r); // self-delimiting: its version and kind say where it ends
        }

        var chunkCount = r.ReadU16();
        if (chunkCount is 0 or > ProtocolLimits.MaxShards)
        {
            throw new DecodeException($"a block has 1..{ProtocolLimits.MaxShards} chunks, not {chunkCount}");
        }

        var chunks = new Sharding.ChunkHeader[chunkCount];
        for (var i = 0; i < chunkCount; i++)
        {
            chunks[i] = Sharding.ChunkHeader.Decode(r.ReadFixed(Sharding.ChunkHeader.EncodedSize));
        }

        r.EnsureEnd();
        return new FinalizedBlock(header, certificate, last, txs, receipts) { Incoming = incoming, Outgoing = outgoing, Chunks = chunks };
    }

    /// <summary>
    /// Only the header and the certificate at the front of an encoded finalized block, without decoding (or hashing) the body: for a
    /// node that already holds the body it executed. The rest of the bytes are not checked; <see cref="Decode"/> checks everything.
    /// </summary>
    public static (BlockHeader Header, QuorumCertificate Certificate) DecodeHeaderAndCertificate(ReadOnlySpan<byte> bytes)
    {
        var r = new CanonicalReader(bytes);
        var header = BlockHeader.Decode(r.ReadBytes(BlockHeader.EncodedMaxBytes));
        return (header, QuorumCertificate.Decode(r.ReadBytes(ProtocolLimits.MaxCertificateBytes)));
    }

    /// <summary>The block as proposed, without receipts or its own certificate.</summary>
    public Block ToBlock() => new(Header, LastCertificate, Transactions) { Incoming = Incoming };

    /// <summary>The transactions root: RFC 6962 over the transaction hashes.</summary>
    public static Crypto.Hash32 TransactionsRoot(IReadOnlyList<SignedTransaction> txs) =>
        BinaryMerkle.Root(txs.Select(t => t.Hash.ToArray()).ToArray());

    /// <summary>The receipts root: RFC 6962 over the encoded receipts.</summary>
    public static Crypto.Hash32 ReceiptsRoot(IReadOnlyList<Receipt> receipts) =>
        BinaryMerkle.Root(receipts.Select(r => r.Encode()).ToArray());

    /// <summary>Null when the body matches the header; otherwise what is wrong.</summary>
    public string? CheckBody()
    {
        if (Transactions.Count != Receipts.Count || Header.TransactionCount != (uint)Transactions.Count)
        {
            return "transaction and receipt counts do not match the header";
        }

        var transactionsRoot = TransactionsRoot(Transactions);
        if (transactionsRoot != Header.TransactionsRoot)
        {
            return "transactions do not match the header's transactions root";
        }

        for (var i = 0; i < Transactions.Count; i++)
        {
            if (Receipts[i].TransactionHash != Transactions[i].Hash)
            {
                return $"receipt {i} is for another transaction";
            }
        }

        if (QuorumCertificate.HashOf(LastCertificate) != Header.LastCertificateHash)
        {
            return "the parent certificate does not match the header's last-certificate hash";
        }

        if (ReceiptsRoot(Receipts) != Header.ReceiptsRoot)
        {
            return "receipts do not match the header's receipts root";
        }

        if (Chunks.Count == 0 || Sharding.ChunkHeader.Root(Chunks) != Header.ChunksRoot)
        {
            return "the chunk headers do not match the header's chunks root";
        }

        // The chunk roots commit to each shard's part of the lists, not to how the parts interleave, and a chunk header
        // exists only for shards 0..N-1: the order across shards and the shard range are checked here (§13.2).
        for (var i = 0; i < Incoming.Count; i++)
        {
            var destination = Incoming[i].Receipt.Destination;
            if (destination >= Chunks.Count || (i > 0 && destination < Incoming[i - 1].Receipt.Destination))
            {
                return "the incoming receipts are not grouped by destination shard in ascending order";
            }
        }

        for (var i = 0; i < Outgoing.Count; i++)
        {
            var r = Outgoing[i];
            if (r.Source >= Chunks.Count || (i > 0 && OutgoingOrder(Outgoing[i - 1]).CompareTo(OutgoingOrder(r)) >= 0))
            {
                return "the outgoing receipts are not in ascending (source, destination, channel, sequence) order";
            }
        }

        var rebuilt = Sharding.ChunkLayout.Headers((ushort)Chunks.Count, Transactions, Incoming, Outgoing, transactionsRoot);
        return rebuilt.SequenceEqual(Chunks) ? null : "the body does not match its chunk headers";
    }

    private static (ushort, ushort, byte, ulong) OutgoingOrder(Sharding.ShardReceipt r) => (r.Source, r.Destination, r.Channel, r.Sequence);
}
