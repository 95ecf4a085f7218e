using System.Text.Json.Nodes;
using Chain.Protocol.Encoding;
using Chain.Protocol.Transactions;

namespace Chain.Tests.Unit.Protocol.Vectors;

internal static partial class VectorGenerator
{
    private static JsonObject Transactions()
    {
        var plain = VectorFixtures.TransferWithoutMemo();
        var withMemo = VectorFixtures.TransferWithMemo();
        return new JsonObject
        {
            ["description"] = "Transfers: body (docs/protocol.md section 4), signing bytes = ascii(\"chain/tx-sign/v1\") || 0x00 || body, Ed25519 signature over the signing bytes, signed = body || signature, hash = Tagged(\"chain/tx/v1\", signed).",
            ["vectors"] = new JsonArray(
                TransactionVector("transfer without memo", 2, plain),
                TransactionVector("transfer with memo and the largest amount", 3, withMemo)),
            ["invalid"] = Array(InvalidTransactions(plain), v => new JsonObject { ["description"] = v.Description, ["signed"] = Hex(v.Bytes) }),
        };
    }

    private static JsonObject TransactionVector(string description, byte seed, SignedTransaction tx)
    {
        var body = tx.Body;
        var transfer = (Transfer)body.Payload;
        return new JsonObject
        {
            ["description"] = description,
            ["seed"] = Hex(VectorFixtures.Seed(seed)),
            ["chainId"] = body.ChainId,
            ["nonce"] = Dec(body.Nonce),
            ["sender"] = Hex(body.Sender.ToArray()),
            ["senderAddress"] = body.SenderAddress.ToString(),
            ["fee"] = Dec(body.Fee),
            ["payload"] = new JsonObject
            {
                ["kind"] = (int)transfer.Kind,
                ["to"] = Hex(transfer.To.ToArray()),
                ["toBech32m"] = transfer.To.ToString(),
                ["amount"] = Dec(transfer.Amount),
                ["memo"] = Hex(transfer.Memo),
            },
            ["body"] = Hex(body.Encode()),
            ["signingBytes"] = Hex(body.SigningBytes()),
            ["signature"] = Hex(tx.Signature.ToArray()),
            ["signed"] = Hex(tx.EncodedSpan),
            ["hash"] = Hex(tx.Hash),
        };
    }

    /// <summary>Byte strings every decoder must reject. Each differs from a valid transaction in one way.</summary>
    public static IEnumerable<(string Description, byte[] Bytes)> InvalidTransactions(SignedTransaction valid)
    {
        var bytes = valid.Encode();
        yield return ("one trailing byte", [.. bytes, 0x00]);
        yield return ("last byte missing", bytes[..^1]);
        yield return ("empty input", []);

        var version = (byte[])bytes.Clone();
        version[0] = 2;
        yield return ("version byte 2", version);

        var body = valid.Body;
        var transfer = (Transfer)body.Payload;
        yield return ("payload kind 2", RawTransaction(body.ChainId, kind: 2, transfer.Memo));
        yield return ("payload kind 0", RawTransaction(body.ChainId, kind: 0, transfer.Memo));
        yield return ("memo of 257 bytes", RawTransaction(body.ChainId, kind: 1, new byte[257]));
        yield return ("chain id of 33 characters", RawTransaction(new string('a', 33), kind: 1, []));
        yield return ("chain id with a line feed", RawTransaction("chain\ntest", kind: 1, []));
        yield return ("chain id with byte 0x7f", RawTransaction("chain\u007ftest", kind: 1, []));

        var longMemo = RawTransaction(body.ChainId, kind: 1, []);
        var memoLengthOffset = 1 + 1 + body.ChainId.Length + 8 + 32 + 8 + 1 + 20 + 8;
        longMemo[memoLengthOffset] = 65; // claims 65 memo bytes where only the 64-byte signature follows
        yield return ("memo length runs past the end", longMemo);
    }

    /// <summary>A transaction encoded field by field, without the library's checks, for invalid vectors.</summary>
    private static byte[] RawTransaction(string chainId, byte kind, byte[] memo)
    {
        var w = new CanonicalWriter();
        w.WriteU8(1);
        w.WriteU8((byte)chainId.Length);
        w.WriteFixed(System.Text.Encoding.ASCII.GetBytes(chainId));
        w.WriteU64(0);
        w.WriteFixed(VectorFixtures.PublicKeyOf(2).ToArray());
        w.WriteU64(10);
        w.WriteU8(kind);
        w.WriteFixed(VectorFixtures.AddressOf(3).ToArray());
        w.WriteU64(1000);
        w.WriteBytes(memo);
        w.WriteFixed(new byte[64]);
        return w.ToArray();
    }
}
