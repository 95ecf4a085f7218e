using System.Text.Json.Nodes;
using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;
using Chain.Protocol.Encoding;

namespace Chain.Tests.Unit.Protocol;

public sealed partial class TestVectorTests
{
    [Fact]
    public void Validator_set_vectors_sort_encode_and_hash_as_recorded()
    {
        foreach (var v in Items(Load("blocks.json")["validatorSets"]))
        {
            var set = ValidatorSetOf(v);
            Assert.Equal(Bytes(v["encoding"]), set.Encode());
            Assert.Equal(Hash(v["hash"]), set.Hash);
            Assert.Equal(U64(v["totalPower"]), set.TotalPower);
            Assert.Equal(Bytes(v["encoding"]), ValidatorSet.Decode(Bytes(v["encoding"])).Encode());
        }
    }

    [Fact]
    public void Header_vectors_encode_and_hash_as_recorded()
    {
        foreach (var v in Items(Load("blocks.json")["headers"]))
        {
            var header = HeaderOf(v);
            Assert.Equal(Bytes(v["encoding"]), header.Encode());
            Assert.Equal(Hash(v["hash"]), header.Hash());
            Assert.Equal(header, BlockHeader.Decode(Bytes(v["encoding"])));
        }
    }

    [Fact]
    public void Vote_vectors_give_the_recorded_signing_bytes()
    {
        foreach (var v in Items(Load("blocks.json")["votes"]))
        {
            var vote = new Vote((VoteKind)(int)v["kind"]!, (string)v["chainId"]!, U64(v["height"]), (uint)v["round"]!, Hash(v["blockHash"]));
            Assert.Equal(Bytes(v["signingBytes"]), vote.SigningBytes());
        }
    }

    [Fact]
    public void Receipt_vectors_encode_and_decode_as_recorded()
    {
        foreach (var v in Items(Load("blocks.json")["receipts"]))
        {
            var c = v["contract"];
            var contract = c is null ? null : new ContractOutcome(
                U64(c["gasUsed"]), Bytes(c["returnData"]), Bytes(c["message"]),
                [.. Items(c["events"]).Select(e => new ContractEvent(new Address(Bytes(e["contract"])), Bytes(e["topic"]), Bytes(e["data"])))]);
            var receipt = new Receipt(Hash(v["transactionHash"]), (ReceiptStatus)(int)v["status"]!, U64(v["feeCharged"]), contract);
            Assert.Equal(Bytes(v["encoding"]), receipt.Encode());
            Assert.Equal(receipt, Receipt.Decode(Bytes(v["encoding"])));
        }
    }

    [Fact]
    public void Certificate_vectors_decode_and_verify_as_recorded()
    {
        var file = Load("blocks.json");
        var headers = Items(file["headers"]).ToDictionary(h => (string)h["name"]!, HeaderOf);
        var sets = Items(file["validatorSets"]).ToDictionary(s => (string)s["name"]!, ValidatorSetOf);
        var vectors = Items(file["certificates"]).ToArray();
        Assert.Contains(vectors, v => (bool)v["valid"]!);
        Assert.Contains(vectors, v => !(bool)v["valid"]!);
        foreach (var v in vectors)
        {
            var qc = QuorumCertificate.Decode(Bytes(v["encoding"]));
            Assert.Equal(U64(v["height"]), qc.Height);
            Assert.Equal((uint)v["round"]!, qc.Round);
            Assert.Equal(Hash(v["blockHash"]), qc.BlockHash);
            Assert.Equal(
                Items(v["signatures"]).Select(s => ((uint)s["validatorIndex"]!, Convert.ToHexStringLower(Bytes(s["signature"])))),
                qc.Signatures.Select(s => (s.ValidatorIndex, s.Signature.ToString())));
            Assert.Equal(Bytes(v["encoding"]), qc.Encode());
            Assert.Equal(Hash(v["hash"]), qc.Hash());

            var check = CertificateVerifier.Verify(headers[(string)v["header"]!], qc, sets[(string)v["validatorSet"]!]);
            Assert.Equal((bool)v["valid"]!, check.IsValid);
            if (check.IsValid)
            {
                Assert.Equal(U64(v["signedPower"]), check.SignedPower);
            }
        }
    }

    [Fact]
    public void Block_2_of_the_vectors_commits_to_the_certificate_of_block_1()
    {
        var file = Load("blocks.json");
        var block2 = Items(file["headers"]).Single(h => (string)h["name"]! == "block2");
        var block1Certificate = Items(file["certificates"]).First(c => (string)c["header"]! == "block1" && (bool)c["valid"]!);
        Assert.Equal(Hash(block1Certificate["hash"]), Hash(block2["lastCertificateHash"]));
        Assert.Equal(Hash32.Zero, Hash(Items(file["headers"]).Single(h => (string)h["name"]! == "block1")["lastCertificateHash"]));
    }

    [Fact]
    public void Proposed_block_vectors_decode_and_check_their_bodies_as_recorded()
    {
        var vectors = Items(Load("blocks.json")["blocks"]).ToArray();
        Assert.Contains(vectors, v => v["lastCertificate"] is null);
        Assert.Contains(vectors, v => v["lastCertificate"] is not null && (bool)v["bodyValid"]!);
        foreach (var v in vectors)
        {
            var block = Block.Decode(Bytes(v["encoding"]));
            Assert.Equal(Bytes(v["header"]), block.Header.Encode());
            Assert.Equal(OptionalBytes(v["lastCertificate"]), block.LastCertificate?.Encode());
            Assert.Equal(Hash(v["lastCertificateHash"]), QuorumCertificate.HashOf(block.LastCertificate));
            Assert.Equal(Items(v["transactions"]).Select(t => (string)t!), block.Transactions.Select(t => Convert.ToHexStringLower(t.EncodedSpan)));
            Assert.Equal(Items(v["incoming"]).Select(t => (string)t!), block.Incoming.Select(i => Convert.ToHexStringLower(i.Encode())));
            Assert.Equal(Hash(v["hash"]), block.Hash());
            Assert.Equal((bool)v["bodyValid"]!, block.CheckBody() is null);
            Assert.Equal(Bytes(v["encoding"]), block.Encode());
        }
    }

    [Fact]
    public void Finalized_block_vectors_decode_and_check_their_bodies_as_recorded()
    {
        foreach (var v in Items(Load("blocks.json")["finalizedBlocks"]))
        {
            var block = FinalizedBlock.Decode(Bytes(v["encoding"]));
            Assert.Equal(Bytes(v["header"]), block.Header.Encode());
            Assert.Equal(Bytes(v["certificate"]), block.Certificate.Encode());
            Assert.Equal(OptionalBytes(v["lastCertificate"]), block.LastCertificate?.Encode());
            Assert.Equal(Items(v["transactions"]).Select(t => (string)t!), block.Transactions.Select(t => Convert.ToHexStringLower(t.EncodedSpan)));
            Assert.Equal(Items(v["receipts"]).Select(r => (string)r!), block.Receipts.Select(r => Convert.ToHexStringLower(r.Encode())));
            Assert.Equal(Hash(v["transactionsRoot"]), FinalizedBlock.TransactionsRoot(block.Transactions));
            Assert.Equal(Hash(v["receiptsRoot"]), FinalizedBlock.ReceiptsRoot(block.Receipts));
            AssertFinalizedBlockMatches(v, block);
        }
    }

    /// <summary>The cross-shard parts, chunks root and body-check result of a finalized block vector (blocks.json and sharding.json).</summary>
    private static void AssertFinalizedBlockMatches(JsonNode v, FinalizedBlock block)
    {
        Assert.Equal(Items(v["incoming"]).Select(t => (string)t!), block.Incoming.Select(i => Convert.ToHexStringLower(i.Encode())));
        Assert.Equal(Items(v["outgoing"]).Select(t => (string)t!), block.Outgoing.Select(r => Convert.ToHexStringLower(r.Encode())));
        Assert.Equal(Items(v["chunks"]).Select(t => (string)t!), block.Chunks.Select(c => Convert.ToHexStringLower(c.Encode())));
        Assert.Equal(Hash(v["chunksRoot"]), Chain.Protocol.Sharding.ChunkHeader.Root(block.Chunks));
        Assert.Equal((bool)v["bodyValid"]!, block.CheckBody() is null);
        Assert.Equal(Bytes(v["encoding"]), block.Encode());
    }

    [Fact]
    public void Quorum_vectors_agree_with_the_validator_set_rule()
    {
        foreach (var v in Items(Load("blocks.json")["quorum"]))
        {
            var powers = Items(v["powers"]).Select(U64).ToArray();
            var set = new ValidatorSet(powers.Select((p, i) => new Validator(KeyWithFirstByte((byte)(i + 1)), p)));
            var signed = Items(v["signers"]).Aggregate(0UL, (sum, i) => sum + powers[(int)i]);
            Assert.Equal((bool)v["quorum"]!, set.IsQuorum(signed));
        }
    }

    [Fact]
    public void Invalid_block_encodings_are_rejected_by_their_decoders()
    {
        var invalid = Load("blocks.json")["invalid"]!;
        var decoders = new Dictionary<string, Action<byte[]>>
        {
            ["headers"] = b => BlockHeader.Decode(b),
            ["validatorSets"] = b => ValidatorSet.Decode(b),
            ["certificates"] = b => QuorumCertificate.Decode(b),
            ["receipts"] = b => Receipt.Decode(b),
            ["blocks"] = b => Block.Decode(b),
            ["finalizedBlocks"] = b => FinalizedBlock.Decode(b),
        };
        AssertAllRejected(invalid, decoders);
    }

    /// <summary>Every list of <paramref name="invalid"/> has a decoder here, and each entry of it is rejected.</summary>
    private static void AssertAllRejected(JsonNode invalid, Dictionary<string, Action<byte[]>> decoders)
    {
        Assert.Equal(
            invalid.AsObject().Where(p => p.Value is JsonArray).Select(p => p.Key).Order(StringComparer.Ordinal),
            decoders.Keys.Order(StringComparer.Ordinal));
        foreach (var (kind, decode) in decoders)
        {
            var vectors = Items(invalid[kind]).ToArray();
            Assert.NotEmpty(vectors);
            foreach (var v in vectors)
            {
                var bytes = PaddedBytes(v["encoding"], v["paddedLength"]);
                var error = Assert.Throws<DecodeException>(() => decode(bytes));
                if (v["paddedLength"] is not null)
                {
                    Assert.Contains("exceeds the limit", error.Message, StringComparison.Ordinal);
                }
            }
        }
    }

    private static byte[]? OptionalBytes(JsonNode? node) => node is null ? null : Bytes(node);

    private static PublicKey KeyWithFirstByte(byte first)
    {
        var bytes = new byte[32];
        bytes[0] = first;
        return new PublicKey(bytes);
    }

    private static ValidatorSet ValidatorSetOf(JsonNode v) =>
        new(Items(v["validators"]).Select(x => new Validator(new PublicKey(Bytes(x["publicKey"])), U64(x["power"]))));

    private static BlockHeader HeaderOf(JsonNode v) => new(
        (string)v["chainId"]!,
        U64(v["height"]),
        Hash(v["previousHash"]),
        I64(v["timeUnixMs"]),
        Hash(v["transactionsRoot"]),
        Hash(v["receiptsRoot"]),
        Hash(v["stateRoot"]),
        Hash(v["validatorSetHash"]),
        Hash(v["nextValidatorSetHash"]),
        Hash(v["lastCertificateHash"]),
        new Address(Bytes(v["proposer"])),
        (uint)v["transactionCount"]!,
        Hash(v["chunksRoot"]));
}
