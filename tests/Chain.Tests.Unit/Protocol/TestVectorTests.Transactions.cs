using System.Text.Json.Nodes;
using Chain.Protocol.Consensus;
using Chain.Protocol.Crypto;
using Chain.Protocol.Encoding;
using Chain.Protocol.Transactions;
using Chain.Tests.Unit.Protocol.Vectors;
using Delegate = Chain.Protocol.Transactions.Delegate;

namespace Chain.Tests.Unit.Protocol;

public sealed partial class TestVectorTests
{
    [Fact]
    public void Transaction_vectors_encode_sign_and_hash_as_recorded()
    {
        var vectors = Items(Load("transactions.json")["vectors"]).ToArray();
        Assert.Equal(Enum.GetValues<PayloadKind>().Order(), vectors.Select(v => (PayloadKind)(int)v["payload"]!["kind"]!).Distinct().Order());
        foreach (var v in vectors)
        {
            using var key = KeyPair.FromSeed(Bytes(v["seed"]));
            var payload = PayloadOf(v["payload"]!);
            var body = new Transaction((string)v["chainId"]!, U64(v["nonce"]), new PublicKey(Bytes(v["sender"])), U64(v["fee"]), payload);

            Assert.Equal(Bytes(v["body"]), body.Encode());
            Assert.Equal(Bytes(v["payloadBytes"]), body.Encode()[^Bytes(v["payloadBytes"]).Length..]);
            Assert.Equal(Bytes(v["signingBytes"]), body.SigningBytes());
            var signed = body.Sign(key);
            Assert.Equal(Bytes(v["signature"]), signed.Signature.ToArray());
            Assert.Equal(Bytes(v["signed"]), signed.Encode());
            Assert.Equal(Hash(v["hash"]), signed.Hash);
            Assert.Equal((string)v["senderAddress"]!, body.SenderAddress.ToString());

            var decoded = SignedTransaction.Decode(Bytes(v["signed"]));
            Assert.Equal(body, decoded.Body);
            Assert.True(decoded.HasValidSignature());
            Assert.Equal(Hash(v["hash"]), decoded.Hash);
        }
    }

    [Fact]
    public void Invalid_transaction_vectors_are_rejected_by_the_decoder()
    {
        var vectors = Items(Load("transactions.json")["invalid"]).ToArray();
        Assert.NotEmpty(vectors);
        foreach (var v in vectors)
        {
            var bytes = PaddedBytes(v["signed"], v["paddedLength"]);
            Assert.Throws<DecodeException>(() => SignedTransaction.Decode(bytes));
        }
    }

    private static TransactionPayload PayloadOf(JsonNode p)
    {
        var kind = (PayloadKind)(int)p["kind"]!;
        Assert.Equal(System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(kind.ToString()), (string)p["name"]!);
        switch (kind)
        {
            case PayloadKind.Transfer:
                var transfer = new Transfer(new Address(Bytes(p["to"])), U64(p["amount"]), Bytes(p["memo"]));
                Assert.Equal((string)p["toBech32m"]!, transfer.To.ToString());
                return transfer;
            case PayloadKind.Bond:
                return new Bond(U64(p["amount"]));
            case PayloadKind.Delegate:
                return new Delegate(new Address(Bytes(p["validator"])), U64(p["amount"]));
            case PayloadKind.Unbond:
                return new Unbond(new Address(Bytes(p["validator"])), U64(p["amount"]));
            case PayloadKind.Withdraw:
                return new Withdraw(new Address(Bytes(p["validator"])));
            case PayloadKind.ReportEquivocation:
                var evidence = new DuplicateVoteEvidence(SignedVote.Decode(Bytes(p["first"])), SignedVote.Decode(Bytes(p["second"])));
                Assert.Equal((bool)p["evidenceValid"]!, evidence.Check(VectorFixtures.ChainId) is null);
                return new ReportEquivocation(evidence);
            case PayloadKind.Unjail:
                return new Unjail();
            case PayloadKind.Deploy:
                return new Deploy(Bytes(p["code"]), Bytes(p["initArgs"]), p["admin"] is null ? null : new Address(Bytes(p["admin"])), U64(p["gasLimit"]));
            case PayloadKind.Call:
                return new Call(new Address(Bytes(p["contract"])), (string)p["method"]!, Bytes(p["args"]), U64(p["value"]), U64(p["gasLimit"]));
            case PayloadKind.Upgrade:
                return new Upgrade(new Address(Bytes(p["contract"])), Bytes(p["code"]), U64(p["gasLimit"]));
            default:
                throw new InvalidOperationException($"no vector layout for payload kind {kind}");
        }
    }

    /// <summary>An invalid entry's bytes, followed by zeros up to its padded length when it has one.</summary>
    private static byte[] PaddedBytes(JsonNode? bytes, JsonNode? paddedLength) =>
        VectorGenerator.Padded(Bytes(bytes), paddedLength is null ? null : (int)paddedLength);
}
