using System.Text.Json.Nodes;
using Chain.Protocol;
using Chain.Protocol.Blocks;
using Chain.Protocol.Encoding;
using Chain.Protocol.Sharding;

namespace Chain.Tests.Unit.Protocol.Vectors;

internal static partial class VectorGenerator
{
    private static JsonObject InvalidBlockEncodings(BlockHeader header) => new()
    {
        ["description"] = "Byte strings the decoder of each type must reject.",
        ["headers"] = InvalidList(InvalidHeaders(header)),
        ["validatorSets"] = InvalidList(InvalidValidatorSets()),
        ["certificates"] = InvalidList(InvalidCertificates()),
        ["receipts"] = InvalidList(InvalidReceipts()),
        ["blocks"] = InvalidList(InvalidBlocks()),
        ["finalizedBlocks"] = InvalidList(InvalidFinalizedBlocks()),
    };

    private static JsonArray InvalidList(IEnumerable<(string Description, byte[] Bytes)> items) =>
        InvalidList(items.Select(v => (v.Description, v.Bytes, (int?)null)));

    /// <summary>Invalid inputs; one with a padded length is its bytes followed by zeros up to that length (too large to write out).</summary>
    private static JsonArray InvalidList(IEnumerable<(string Description, byte[] Bytes, int? PaddedLength)> items) =>
        Array(items, v =>
        {
            var entry = new JsonObject { ["description"] = v.Description, ["encoding"] = Hex(v.Bytes) };
            if (v.PaddedLength is { } length)
            {
                entry["paddedLength"] = length;
            }

            return entry;
        });

    /// <summary>The bytes of an invalid entry: padded with zeros when it has a padded length.</summary>
    public static byte[] Padded(byte[] bytes, int? paddedLength) =>
        paddedLength is { } length ? [.. bytes, .. new byte[length - bytes.Length]] : bytes;

    public static IEnumerable<(string Description, byte[] Bytes)> InvalidHeaders(BlockHeader header)
    {
        var bytes = header.Encode();
        yield return ("one trailing byte", [.. bytes, 0x00]);
        yield return ("last byte missing", bytes[..^1]);
        var version = (byte[])bytes.Clone();
        version[0] = 0;
        yield return ("version byte 0", version);
        var chainIdLength = (byte[])bytes.Clone();
        chainIdLength[1] = 33;
        yield return ("chain id length 33", chainIdLength);
    }

    public static IEnumerable<(string Description, byte[] Bytes)> InvalidValidatorSets()
    {
        var key1 = VectorFixtures.PublicKeyOf(1).ToArray();
        var key2 = VectorFixtures.PublicKeyOf(2).ToArray();
        var (low, high) = key1.AsSpan().SequenceCompareTo(key2) < 0 ? (key1, key2) : (key2, key1);
        yield return ("no validators", ValidatorSetBytes());
        yield return ("keys in descending order", ValidatorSetBytes((high, 1), (low, 1)));
        yield return ("the same key twice", ValidatorSetBytes((low, 1), (low, 1)));
        yield return ("a validator with power 0", ValidatorSetBytes((low, 1), (high, 0)));
        yield return ("total power overflows u64", ValidatorSetBytes((low, ulong.MaxValue), (high, 1)));
        yield return ("one trailing byte", [.. ValidatorSetBytes((low, 1)), 0x00]);
        var countTwo = ValidatorSetBytes((low, 1));
        countTwo[0] = 2;
        yield return ("count says 2, one present", countTwo);
    }

    private static byte[] ValidatorSetBytes(params (byte[] Key, ulong Power)[] validators)
    {
        var w = new CanonicalWriter();
        w.WriteU32((uint)validators.Length);
        foreach (var (key, power) in validators)
        {
            w.WriteFixed(key);
            w.WriteU64(power);
        }

        return w.ToArray();
    }

    public static IEnumerable<(string Description, byte[] Bytes)> InvalidCertificates()
    {
        var hash = VectorFixtures.Block2().Hash().ToArray();
        yield return ("indices 1 then 0", CertificateBytes(hash, 1, 0));
        yield return ("index 0 twice", CertificateBytes(hash, 0, 0));
        yield return ("one trailing byte", [.. CertificateBytes(hash, 0), 0x00]);
        var missing = CertificateBytes(hash, 0);
        missing[44] = 2;
        yield return ("count says 2, one present", missing);
        var tooMany = CertificateBytes(hash);
        tooMany[44] = 0x01;
        tooMany[45] = 0x04; // 1025 signatures
        yield return ("count 1025 exceeds the validator limit", tooMany);
    }

    private static byte[] CertificateBytes(byte[] blockHash, params uint[] indices)
    {
        var w = new CanonicalWriter();
        w.WriteU64(2);
        w.WriteU32(0);
        w.WriteFixed(blockHash);
        w.WriteU32((uint)indices.Length);
        foreach (var index in indices)
        {
            w.WriteU32(index);
            w.WriteFixed(new byte[64]);
        }

        return w.ToArray();
    }

    public static IEnumerable<(string Description, byte[] Bytes)> InvalidReceipts()
    {
        var bytes = VectorFixtures.SuccessReceipt(VectorFixtures.TransferWithoutMemo()).Encode();
        var status = (byte[])bytes.Clone();
        status[32] = 255;
        yield return ("status 255", status);
        yield return ("40 bytes", bytes[..^1]);
        yield return ("42 bytes", [.. bytes, 0x00]);
    }

    public static IEnumerable<(string Description, byte[] Bytes)> InvalidFinalizedBlocks()
    {
        var block = VectorFixtures.FinalizedBlock1();
        var bytes = block.Encode();
        var sections = ShardSections(block);
        var body = bytes[..^sections.Length];
        yield return ("one trailing byte", [.. bytes, 0x00]);
        yield return ("the receipt missing", [.. body[..^Receipt.EncodedSize], .. sections]);
        var noTransactions = block with { Transactions = [], Receipts = [] };
        var countOnly = noTransactions.Encode()[..^sections.Length];
        countOnly[^4] = 1;
        yield return ("transaction count 1, nothing follows", countOnly);

        var hasLast = (byte[])bytes.Clone();
        hasLast[HasLastOffset(block.Header) + 4 + block.Certificate.Encode().Length] = 2;
        yield return ("parent-certificate flag 2", hasLast);

        var block2 = VectorFixtures.FinalizedBlock2().Encode();
        var parentCount = (byte[])block2.Clone();
        parentCount[^(sections.Length + 4 + VectorFixtures.Block1Certificate().Encode().Length - 44)] = 2;
        yield return ("parent certificate count says 2, one present", parentCount);

        var chunk = block.Chunks[0].Encode();
        yield return ("the cross-shard sections missing", body);
        yield return ("chunk count 0", [.. body, .. U32(0), .. U32(0), .. U16(0)]);
        yield return ($"chunk count {ProtocolLimits.MaxShards + 1}", [.. body, .. U32(0), .. U32(0), .. U16(ProtocolLimits.MaxShards + 1), .. Enumerable.Repeat(chunk, ProtocolLimits.MaxShards + 1).SelectMany(c => c)]);
        yield return ("chunk count 2, one chunk header present", [.. body, .. U32(0), .. U32(0), .. U16(2), .. chunk]);
        var receipt = VectorFixtures.SourceChunk()[0].Encode();
        receipt[0] = 2;
        yield return ("an outgoing receipt with version 2", [.. body, .. U32(0), .. U32(1), .. receipt, .. U16(1), .. chunk]);
        yield return ("incoming count 1, nothing of it follows", [.. body, .. U32(1), .. U32(0), .. U16(1), .. chunk]);
    }

    /// <summary>What follows the receipts of a finalized block without cross-shard receipts: the two empty lists and its chunk headers.</summary>
    private static byte[] ShardSections(FinalizedBlock block) =>
        [.. U32(0), .. U32(0), .. U16(block.Chunks.Count), .. block.Chunks.SelectMany(c => c.Encode())];

    /// <summary>Offset of the byte after the length-prefixed header: the parent-certificate flag of a proposed block.</summary>
    private static int HasLastOffset(BlockHeader header) => 4 + header.Encode().Length;

    public static IEnumerable<(string Description, byte[] Bytes, int? PaddedLength)> InvalidBlocks()
    {
        var block1 = VectorFixtures.ProposedBlock1();
        var bytes = block1.Encode();
        var flag = HasLastOffset(block1.Header);
        yield return ("one trailing byte", [.. bytes, 0x00], null);
        yield return ("last byte missing", bytes[..^1], null);
        yield return ("empty input", [], null);
        yield return ($"longer than {ProtocolLimits.MaxBlockBytes} bytes: rejected before parsing", bytes, ProtocolLimits.MaxBlockBytes + 1);

        var flag2 = (byte[])bytes.Clone();
        flag2[flag] = 2;
        yield return ("parent-certificate flag 2", flag2, null);
        var flag1 = (byte[])bytes.Clone();
        flag1[flag] = 1;
        yield return ("parent-certificate flag 1, no certificate follows", flag1, null);

        var w = new CanonicalWriter();
        w.WriteU32((uint)BlockHeader.EncodedMaxBytes + 1);
        yield return ($"header length prefix {BlockHeader.EncodedMaxBytes + 1}", [.. w.ToArray(), .. bytes[4..]], null);

        var header = bytes[..(flag + 1)];
        header[flag] = 1;
        yield return ($"parent certificate length prefix {ProtocolLimits.MaxCertificateBytes + 1}", [.. header, .. U32(ProtocolLimits.MaxCertificateBytes + 1), .. new byte[64]], null);
        var descending = CertificateBytes(VectorFixtures.Block1().Hash().ToArray(), 1, 0);
        yield return ("parent certificate with indices 1 then 0", [.. header, .. U32(descending.Length), .. descending, .. U32(0)], null);

        var afterFlag = bytes[..(flag + 1)];
        yield return ($"transaction count {ProtocolLimits.MaxTransactionsPerBlock + 1}", [.. afterFlag, .. U32(ProtocolLimits.MaxTransactionsPerBlock + 1), .. new byte[64]], null);
        yield return ($"transaction length prefix {ProtocolLimits.MaxTransactionBytes + 1}", [.. afterFlag, .. U32(1), .. U32(ProtocolLimits.MaxTransactionBytes + 1), .. new byte[64]], null);
        var tx = block1.Transactions[0].Encode();
        var kindOffset = 1 + 1 + VectorFixtures.ChainId.Length + 8 + 32 + 8;
        tx[kindOffset] = 0;
        yield return ("a transaction with payload kind 0", [.. afterFlag, .. U32(1), .. U32(tx.Length), .. tx], null);

        var withoutIncoming = bytes[..^4];
        yield return ("the incoming-receipt count missing", withoutIncoming, null);
        yield return ($"incoming count {ProtocolLimits.MaxIncomingPerBlock + 1}", [.. withoutIncoming, .. U32(ProtocolLimits.MaxIncomingPerBlock + 1), .. new byte[64]], null);
        var incoming = IncomingReceipt.ProveAll(VectorFixtures.SourceChunk())[0].Encode();
        yield return ($"an incoming receipt longer than {IncomingReceipt.MaxEncodedSize} bytes", [.. withoutIncoming, .. U32(1), .. U32(IncomingReceipt.MaxEncodedSize + 1), .. incoming, .. new byte[IncomingReceipt.MaxEncodedSize + 1 - incoming.Length]], null);
        var pathLength = (byte[])incoming.Clone();
        pathLength[4 + ShardReceipt.EncodedSize + 8] = (byte)(ProtocolLimits.MaxAuditPath + 1);
        yield return ($"an incoming receipt with a path of {ProtocolLimits.MaxAuditPath + 1} hashes", [.. withoutIncoming, .. U32(1), .. U32(pathLength.Length), .. pathLength], null);
    }

    private static byte[] U16(int value)
    {
        var w = new CanonicalWriter(2);
        w.WriteU16((ushort)value);
        return w.ToArray();
    }

    private static byte[] U32(int value)
    {
        var w = new CanonicalWriter(4);
        w.WriteU32((uint)value);
        return w.ToArray();
    }
}
