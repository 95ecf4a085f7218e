using System.Buffers.Binary;
using System.Text.Json.Nodes;
using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;
using Chain.Protocol.Proofs;
using Chain.Protocol.Sharding;

namespace Chain.Tests.Unit.Protocol.Vectors;

internal static partial class VectorGenerator
{
    /// <summary>Shard counts the shard-map vectors use: one shard, small ones, and the largest.</summary>
    public static readonly ushort[] ShardCounts = [1, 2, 3, 4, 7, 64];

    private static JsonObject Sharding()
    {
        var chunk = VectorFixtures.SourceChunk();
        var leaves = chunk.Select(r => r.Encode()).ToArray();
        var root = BinaryMerkle.Root(leaves);
        var block = VectorFixtures.ShardedBlock();
        var contractChunk = VectorFixtures.ContractChunk();
        var contractLeaves = contractChunk.Select(r => r.Encode()).ToArray();
        var contractRoot = BinaryMerkle.Root(contractLeaves);
        return new JsonObject
        {
            ["description"] = "Sharding, docs/protocol.md section 13. 'shardMap': shard = u64le(address[0..8]) mod shardCount. 'stateKeys': the cross-shard keys of space 0x09 and their values (integers big-endian there). 'receipts': cross-shard receipts. 'sourceChunk': the outgoing receipts of shard 1 at height 7, their RFC 6962 root and the state entry that records it; 'incoming': receipts as a destination carries them, each checked against that root and count ('verifies'). 'contractChunk': the outgoing receipts of shard 2 at height 9 mixing both channels (transfer: kinds 1-2, encoding version 1; contract: calls and callbacks, kinds 3-4, version 2, numbered on their own), ordered by (source, destination, channel, sequence), with their root and each one's incoming proof. 'shardedBlock': a finalized block of a four-shard chain with each transaction's lane, its chunk headers and chunks root, and variants with their body-check results. An invalid entry is bytes its decoder must reject.",
            ["shardMap"] = Array(ShardMapAddresses(), a => new JsonObject
            {
                ["address"] = Hex(a.ToArray()),
                ["shards"] = Array(ShardCounts, n => new JsonObject { ["shardCount"] = n, ["shard"] = ShardMap.ShardOf(a, n) }),
            }),
            ["stateKeys"] = new JsonArray(
                StateKeyVector("outgoingRoot", StateKeys.OutgoingRoot(1, VectorFixtures.SourceChunkHeight), [.. root.ToArray(), .. BigEndian32((uint)leaves.Length)], 1, null, VectorFixtures.SourceChunkHeight),
                StateKeyVector("nextOutbound", StateKeys.NextOutbound(1, 3), BigEndian64(1), 1, 3, null),
                StateKeyVector("nextInbound", StateKeys.NextInbound(3, 1), BigEndian64(1), 3, 1, null),
                StateKeyVector("nextContractOutbound", StateKeys.NextContractOutbound(2, 3), BigEndian64(2), 2, 3, null),
                StateKeyVector("nextContractInbound", StateKeys.NextContractInbound(3, 2), BigEndian64(2), 3, 2, null)),
            ["receipts"] = Array(chunk.Concat(VectorFixtures.ShardedOutgoing()), ShardReceiptVector),
            ["sourceChunk"] = new JsonObject
            {
                ["source"] = 1,
                ["height"] = Dec(VectorFixtures.SourceChunkHeight),
                ["receipts"] = Array(leaves, l => Hex(l)),
                ["root"] = Hex(root),
                ["count"] = leaves.Length,
            },
            ["incoming"] = Array(IncomingVectors(chunk), v => new JsonObject
            {
                ["description"] = v.Description,
                ["receipt"] = Hex(v.Incoming.Receipt.Encode()),
                ["index"] = v.Incoming.Index,
                ["leafCount"] = v.Incoming.LeafCount,
                ["path"] = Array(v.Incoming.Path, h => Hex(h)),
                ["encoding"] = Hex(v.Incoming.Encode()),
                ["verifies"] = v.Incoming.Verifies(root, (uint)leaves.Length),
            }),
            ["contractChunk"] = new JsonObject
            {
                ["source"] = 2,
                ["height"] = Dec(VectorFixtures.ContractChunkHeight),
                ["receipts"] = Array(contractChunk, ShardReceiptVector),
                ["root"] = Hex(contractRoot),
                ["count"] = contractLeaves.Length,
                ["incoming"] = Array(IncomingReceipt.ProveAll(contractChunk), i => new JsonObject
                {
                    ["index"] = i.Index,
                    ["path"] = Array(i.Path, h => Hex(h)),
                    ["encoding"] = Hex(i.Encode()),
                    ["verifies"] = i.Verifies(contractRoot, (uint)contractLeaves.Length),
                }),
            },
            ["shardedBlock"] = ShardedBlockVector(block),
            ["invalid"] = InvalidShardingEncodings(),
        };
    }

    /// <summary>The fixture keys' addresses, and addresses that show the byte order: only the first eight bytes count, little-endian.</summary>
    private static IEnumerable<Address> ShardMapAddresses()
    {
        foreach (var seed in new byte[] { 1, 2, 3, 4, 5 })
        {
            yield return VectorFixtures.AddressOf(seed);
        }

        yield return new Address(new byte[20]);
        yield return new Address([0x05, .. new byte[19]]);
        yield return new Address([.. new byte[7], 0x01, .. new byte[12]]);
        yield return new Address([.. new byte[8], .. Enumerable.Repeat((byte)0xff, 12)]);
        yield return new Address(Enumerable.Repeat((byte)0xff, 20).ToArray());
    }

    private static JsonObject StateKeyVector(string kind, byte[] key, byte[] value, ushort first, ushort? second, ulong? height) => new()
    {
        ["kind"] = kind,
        [kind.EndsWith("Inbound", StringComparison.Ordinal) ? "destination" : "source"] = first,
        [kind.EndsWith("Inbound", StringComparison.Ordinal) ? "source" : "destination"] = second,
        ["height"] = height is { } h ? Dec(h) : null,
        ["key"] = Hex(key),
        ["value"] = Hex(value),
    };

    private static JsonObject ShardReceiptVector(ShardReceipt r)
    {
        var v = new JsonObject
        {
            ["kind"] = (int)r.Kind,
            ["source"] = r.Source,
            ["destination"] = r.Destination,
            ["sequence"] = Dec(r.Sequence),
            ["sourceHeight"] = Dec(r.SourceHeight),
            ["origin"] = Hex(r.Origin),
            ["from"] = Hex(r.From.ToArray()),
            ["to"] = Hex(r.To.ToArray()),
            ["amount"] = Dec(r.Amount),
        };
        if (r.Message is { } m)
        {
            v["channel"] = r.Channel;
            v["method"] = m.Method;
            v["gasLimit"] = Dec(m.GasLimit);
            v["callback"] = m.Callback;
            v["callbackGas"] = Dec(m.CallbackGas);
            v["status"] = (int)m.Status;
            v["data"] = Hex(m.Data);
        }

        v["encoding"] = Hex(r.Encode());
        return v;
    }

    /// <summary>Each receipt of the source chunk with its proof, and proofs that must not verify against the chunk's root and count.</summary>
    public static IEnumerable<(string Description, IncomingReceipt Incoming)> IncomingVectors(ShardReceipt[] chunk)
    {
        var proved = IncomingReceipt.ProveAll(chunk);
        for (var i = 0; i < proved.Length; i++)
        {
            yield return ($"receipt {i} of {proved.Length}", proved[i]);
        }

        var last = proved[^1];
        yield return ("receipt 0 with leaf count 4 instead of 3: the path alone verifies for 4 too, the chunk's count does not match", proved[0] with { LeafCount = 4 });
        yield return ("amount changed", last with { Receipt = last.Receipt with { Amount = 1 } });
        yield return ("index 1 instead of 2", last with { Index = 1 });
        yield return ("another receipt's path", proved[0] with { Path = proved[1].Path });
    }

    private static JsonObject ShardedBlockVector(FinalizedBlock block)
    {
        var shards = VectorFixtures.ShardCount;
        var swapped = block with { Incoming = [block.Incoming[1], block.Incoming[0], block.Incoming[2]] };
        var fewerShards = ChunkLayout.Headers(2, block.Transactions, block.Incoming, block.Outgoing);
        return new JsonObject
        {
            ["shardCount"] = shards,
            ["lanes"] = Array(block.Transactions, t => ChunkLayout.LaneOf(t, shards)),
            ["chunks"] = Array(block.Chunks, c => new JsonObject
            {
                ["shard"] = c.Shard,
                ["transactionCount"] = c.TransactionCount,
                ["transactionsRoot"] = Hex(c.TransactionsRoot),
                ["incomingCount"] = c.IncomingCount,
                ["incomingRoot"] = Hex(c.IncomingRoot),
                ["outgoingCount"] = c.OutgoingCount,
                ["outgoingRoot"] = Hex(c.OutgoingRoot),
                ["encoding"] = Hex(c.Encode()),
            }),
            ["chunksRoot"] = Hex(ChunkHeader.Root(block.Chunks)),
            ["variants"] = new JsonArray(
                FinalizedBlockVector("block 8 of a four-shard chain: three incoming receipts, three outgoing ones", block),
                FinalizedBlockVector("incoming receipts for shards 2 and 0 swapped: every chunk root is unchanged, but they are not grouped by destination ascending", swapped),
                FinalizedBlockVector("an outgoing receipt left out: decodes, but the body does not match shard 3's chunk header", block with { Outgoing = block.Outgoing.Take(2).ToArray() }),
                FinalizedBlockVector("chunk headers of a two-shard layout: decodes, but they are not the ones the header commits to", block with { Chunks = fewerShards })),
        };
    }

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
