using Chain.Protocol.Crypto;
using Chain.Protocol.Encoding;
using Chain.Protocol.Transactions;

namespace Chain.Tests.Unit.Protocol;

public sealed partial class TestVectorTests
{
    [Fact]
    public void Transaction_vectors_encode_sign_and_hash_as_recorded()
    {
        var vectors = Items(Load("transactions.json")["vectors"]).ToArray();
        Assert.Equal(2, vectors.Length);
        foreach (var v in vectors)
        {
            using var key = KeyPair.FromSeed(Bytes(v["seed"]));
            var payload = v["payload"]!;
            Assert.Equal((int)PayloadKind.Transfer, (int)payload["kind"]!);
            var transfer = new Transfer(new Address(Bytes(payload["to"])), U64(payload["amount"]), Bytes(payload["memo"]));
            var body = new Transaction((string)v["chainId"]!, U64(v["nonce"]), new PublicKey(Bytes(v["sender"])), U64(v["fee"]), transfer);

            Assert.Equal(Bytes(v["body"]), body.Encode());
            Assert.Equal(Bytes(v["signingBytes"]), body.SigningBytes());
            var signed = body.Sign(key);
            Assert.Equal(Bytes(v["signature"]), signed.Signature.ToArray());
            Assert.Equal(Bytes(v["signed"]), signed.Encode());
            Assert.Equal(Hash(v["hash"]), signed.Hash);
            Assert.Equal((string)v["senderAddress"]!, body.SenderAddress.ToString());
            Assert.Equal((string)payload["toBech32m"]!, transfer.To.ToString());

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
            var bytes = Bytes(v["signed"]);
            Assert.Throws<DecodeException>(() => SignedTransaction.Decode(bytes));
        }
    }
}
