using System.Buffers.Binary;
using System.Text.Json.Nodes;
using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;
using Chain.Protocol.Proofs;
using Chain.Protocol.Sharding;

namespace Chain.Tests.Unit.Protocol;

public sealed partial class TestVectorTests
{
    [Fact]
    public void Shard_map_vectors_give_the_recorded_shards()
    {
        var vectors = Items(Load("sharding.json")["shardMap"]).ToArray();
        Assert.NotEmpty(vectors);
        foreach (var v in vectors)
        {
            var address = new Address(Bytes(v["address"]));
            foreach (var s in Items(v["shards"]))
            {
                Assert.Equal((ushort)s["shard"]!, ShardMap.ShardOf(address, (ushort)s["shardCount"]!));
            }
        }
    }

    [Fact]
    public void Shard_receipt_vectors_encode_and_decode_as_recorded()
    {
        var vectors = Items(Load("sharding.json")["receipts"]).ToArray();
        Assert.Contains(vectors, v => (int)v["kind"]! == (int)ShardReceiptKind.Credit);
        Assert.Contains(vectors, v => (int)v["kind"]! == (int)ShardReceiptKind.Refund);
        foreach (var v in vectors)
        {
            var receipt = ShardReceiptOf(v);
            Assert.Equal(Bytes(v["encoding"]), receipt.Encode());
            Assert.Equal(receipt, ShardReceipt.Decode(Bytes(v["encoding"])));
        }
    }

    [Fact]
    public void Source_chunk_root_state_keys_and_incoming_proofs_are_as_recorded()
    {
        var file = Load("sharding.json");
        var chunk = file["sourceChunk"]!;
        var leaves = Items(chunk["receipts"]).Select(Bytes).ToArray();
        var root = BinaryMerkle.Root(leaves);
        Assert.Equal(Hash(chunk["root"]), root);
        Assert.Equal((int)chunk["count"]!, leaves.Length);
        var source = (ushort)chunk["source"]!;
        var height = U64(chunk["height"]);

        var keys = Items(file["stateKeys"]).ToDictionary(k => (string)k["kind"]!);
        Assert.Equal(Bytes(keys["outgoingRoot"]["key"]), StateKeys.OutgoingRoot(source, height));
        Assert.Equal(Bytes(keys["outgoingRoot"]["value"]), root.ToArray().Concat(BigEndian32((uint)leaves.Length)).ToArray());
        var sent = leaves.Select(l => ShardReceipt.Decode(l)).Where(r => r.Destination == 3).ToArray();
        Assert.Equal(Bytes(keys["nextOutbound"]["key"]), StateKeys.NextOutbound(source, 3));
        Assert.Equal(Bytes(keys["nextOutbound"]["value"]), BigEndian64(sent.Max(r => r.Sequence) + 1));
        Assert.Equal(Bytes(keys["nextInbound"]["key"]), StateKeys.NextInbound(3, source));
        Assert.Equal(Bytes(keys["nextInbound"]["value"]), BigEndian64(sent.Max(r => r.Sequence) + 1));

        var incoming = Items(file["incoming"]).ToArray();
        Assert.Contains(incoming, v => (bool)v["verifies"]!);
        Assert.Contains(incoming, v => !(bool)v["verifies"]!);
        foreach (var v in incoming)
        {
            var decoded = IncomingReceipt.Decode(Bytes(v["encoding"]));
            Assert.Equal(Bytes(v["receipt"]), decoded.Receipt.Encode());
            Assert.Equal(((uint)v["index"]!, (uint)v["leafCount"]!), (decoded.Index, decoded.LeafCount));
            Assert.Equal(Items(v["path"]).Select(Hash), decoded.Path);
            Assert.Equal((bool)v["verifies"]!, decoded.Verifies(root, (uint)leaves.Length));
            Assert.Equal(Bytes(v["encoding"]), decoded.Encode());
        }
    }

    [Fact]
    public void Sharded_block_vectors_give_the_recorded_lanes_chunk_headers_and_body_checks()
    {
        var sharded = Load("sharding.json")["shardedBlock"]!;
        var shards = (ushort)sharded["shardCount"]!;
        var variants = Items(sharded["variants"]).ToArray();
        Assert.True((bool)variants[0]["bodyValid"]!);
        Assert.Contains(variants, v => !(bool)v["bodyValid"]!);
        var block = FinalizedBlock.Decode(Bytes(variants[0]["encoding"]));
        Assert.Equal(Items(sharded["lanes"]).Select(l => (ushort)l!), block.Transactions.Select(t => ChunkLayout.LaneOf(t, shards)));
        var chunks = Items(sharded["chunks"]).Select(c => ChunkHeader.Decode(Bytes(c["encoding"]))).ToArray();
        Assert.Equal(ChunkLayout.Headers(shards, block.Transactions, block.Incoming, block.Outgoing), chunks);
        foreach (var (c, v) in chunks.Zip(Items(sharded["chunks"])))
        {
            Assert.Equal(
                ((ushort)v["shard"]!, (uint)v["transactionCount"]!, Hash(v["transactionsRoot"]), (uint)v["incomingCount"]!, Hash(v["incomingRoot"]), (uint)v["outgoingCount"]!, Hash(v["outgoingRoot"])),
                (c.Shard, c.TransactionCount, c.TransactionsRoot, c.IncomingCount, c.IncomingRoot, c.OutgoingCount, c.OutgoingRoot));
        }

        Assert.Equal(Hash(sharded["chunksRoot"]), ChunkHeader.Root(chunks));
        Assert.Equal(Hash(sharded["chunksRoot"]), block.Header.ChunksRoot);
        foreach (var v in variants)
        {
            AssertFinalizedBlockMatches(v, FinalizedBlock.Decode(Bytes(v["encoding"])));
        }
    }

    [Fact]
    public void Invalid_sharding_encodings_are_rejected_by_their_decoders()
    {
        AssertAllRejected(Load("sharding.json")["invalid"]!, new Dictionary<string, Action<byte[]>>
        {
            ["shardReceipts"] = b => ShardReceipt.Decode(b),
            ["incomingReceipts"] = b => IncomingReceipt.Decode(b),
            ["chunkHeaders"] = b => ChunkHeader.Decode(b),
        });
    }

    [Fact]
    public void Contract_chunk_vectors_encode_order_and_prove_as_recorded()
    {
        var file = Load("sharding.json");
        var chunk = file["contractChunk"]!;
        var vectors = Items(chunk["receipts"]).ToArray();
        Assert.Contains(vectors, v => (int)v["kind"]! == (int)ShardReceiptKind.Call);
        Assert.Contains(vectors, v => (int)v["kind"]! == (int)ShardReceiptKind.Callback);
        var receipts = vectors.Select(ShardReceiptOf).ToArray();
        foreach (var (v, receipt) in vectors.Zip(receipts))
        {
            Assert.Equal(Bytes(v["encoding"]), receipt.Encode());
            Assert.Equal(receipt, ShardReceipt.Decode(Bytes(v["encoding"])));
            Assert.Equal(receipt.IsContract ? ShardReceipt.ContractChannel : ShardReceipt.TransferChannel, (byte?)(int?)v["channel"] ?? ShardReceipt.TransferChannel);
        }

        var ordered = receipts.OrderBy(r => (r.Source, r.Destination, r.Channel, r.Sequence)).ToArray();
        Assert.Equal(ordered, receipts);
        var leaves = receipts.Select(r => r.Encode()).ToArray();
        var root = BinaryMerkle.Root(leaves);
        Assert.Equal(Hash(chunk["root"]), root);
        var proofs = IncomingReceipt.ProveAll(receipts);
        foreach (var (v, proof) in Items(chunk["incoming"]).Zip(proofs))
        {
            Assert.Equal(Bytes(v["encoding"]), proof.Encode());
            Assert.True((bool)v["verifies"]!);
            Assert.True(IncomingReceipt.Decode(Bytes(v["encoding"])).Verifies(root, (uint)leaves.Length));
        }

        var keys = Items(file["stateKeys"]).ToDictionary(k => (string)k["kind"]!);
        Assert.Equal(Bytes(keys["nextContractOutbound"]["key"]), StateKeys.NextContractOutbound(2, 3));
        Assert.Equal(Bytes(keys["nextContractInbound"]["key"]), StateKeys.NextContractInbound(3, 2));
        Assert.Equal(Bytes(keys["nextContractOutbound"]["value"]), BigEndian64(receipts.Where(r => r.IsContract && r.Destination == 3).Max(r => r.Sequence) + 1));
    }

    private static ShardReceipt ShardReceiptOf(JsonNode v) => new(
        (ShardReceiptKind)(int)v["kind"]!,
        (ushort)v["source"]!,
        (ushort)v["destination"]!,
        U64(v["sequence"]),
        U64(v["sourceHeight"]),
        Hash(v["origin"]),
        new Address(Bytes(v["from"])),
        new Address(Bytes(v["to"])),
        U64(v["amount"]))
    {
        Message = v["method"] is null ? null : new ContractMessage(
            (string)v["method"]!, U64(v["gasLimit"]), (string)v["callback"]!, U64(v["callbackGas"]), (ReceiptStatus)(int)v["status"]!, Bytes(v["data"])),
    };

    private static byte[] BigEndian32(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return bytes;
    }

    private static byte[] BigEndian64(ulong value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, value);
        return bytes;
    }
}
