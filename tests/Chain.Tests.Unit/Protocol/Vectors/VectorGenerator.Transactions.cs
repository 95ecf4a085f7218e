using System.Text.Json;
using System.Text.Json.Nodes;
using Chain.Protocol;
using Chain.Protocol.Crypto;
using Chain.Protocol.Encoding;
using Chain.Protocol.Transactions;
using Delegate = Chain.Protocol.Transactions.Delegate;

namespace Chain.Tests.Unit.Protocol.Vectors;

internal static partial class VectorGenerator
{
    private static JsonObject Transactions()
    {
        var plain = VectorFixtures.TransferWithoutMemo();
        var withMemo = VectorFixtures.TransferWithMemo();
        return new JsonObject
        {
            ["description"] = "Signed transactions of every payload kind: body (docs/protocol.md section 4), signing bytes = ascii(\"chain/tx-sign/v1\") || 0x00 || body, Ed25519 signature over the signing bytes, signed = body || signature, hash = Tagged(\"chain/tx/v1\", signed). 'payloadBytes' is the kind byte and the payload's fields, the tail of the body. An invalid entry with 'paddedLength' is 'signed' followed by zero bytes up to that length.",
            ["vectors"] = new JsonArray(
                TransactionVector("transfer without memo", 2, plain),
                TransactionVector("transfer with memo and the largest amount", 3, withMemo),
                TransactionVector("bond: seed 4 bonds 2000 units", 4, VectorFixtures.BondTransaction()),
                TransactionVector("delegate: seed 3 delegates 500 units to seed 1's validator", 3, VectorFixtures.DelegateTransaction()),
                TransactionVector("unbond: seed 3 unbonds 200 units from seed 1's validator", 3, VectorFixtures.UnbondTransaction()),
                TransactionVector("withdraw: seed 3 withdraws from seed 1's validator", 3, VectorFixtures.WithdrawTransaction()),
                TransactionVector("report equivocation: seed 2 reports seed 1's double prevote (consensus.json)", 2, VectorFixtures.ReportEquivocationTransaction()),
                TransactionVector("unjail: seed 1, no fields", 1, VectorFixtures.UnjailTransaction()),
                TransactionVector("deploy: seed 2 deploys the tiny module with init args and seed 3 as admin", 2, VectorFixtures.DeployTransaction()),
                TransactionVector("deploy without admin or init args: seed 3", 3, VectorFixtures.DeployWithoutAdminTransaction()),
                TransactionVector("call: seed 2 calls 'transfer' with JSON args and 7 units", 2, VectorFixtures.CallTransaction()),
                TransactionVector("upgrade: seed 3 replaces the contract's code", 3, VectorFixtures.UpgradeTransaction())),
            ["invalid"] = Array(InvalidTransactions(plain), v => new JsonObject { ["description"] = v.Description, ["signed"] = Hex(v.Bytes), ["paddedLength"] = v.PaddedLength }),
        };
    }

    private static JsonObject TransactionVector(string description, byte seed, SignedTransaction tx)
    {
        var body = tx.Body;
        var encoded = body.Encode();
        var payloadOffset = 1 + 1 + body.ChainId.Length + 8 + PublicKey.Size + 8;
        return new JsonObject
        {
            ["description"] = description,
            ["seed"] = Hex(VectorFixtures.Seed(seed)),
            ["chainId"] = body.ChainId,
            ["nonce"] = Dec(body.Nonce),
            ["sender"] = Hex(body.Sender.ToArray()),
            ["senderAddress"] = body.SenderAddress.ToString(),
            ["fee"] = Dec(body.Fee),
            ["payload"] = PayloadVector(body.Payload),
            ["payloadBytes"] = Hex(encoded.AsSpan(payloadOffset)),
            ["body"] = Hex(encoded),
            ["signingBytes"] = Hex(body.SigningBytes()),
            ["signature"] = Hex(tx.Signature.ToArray()),
            ["signed"] = Hex(tx.EncodedSpan),
            ["hash"] = Hex(tx.Hash),
            ["contractAddress"] = body.Payload is Deploy ? Hex(Chain.Protocol.Proofs.ContractRecord.DeriveAddress(body.SenderAddress, body.Nonce).ToArray()) : null,
        };
    }

    private static JsonObject PayloadVector(TransactionPayload payload)
    {
        var json = new JsonObject { ["kind"] = (int)payload.Kind, ["name"] = JsonNamingPolicy.CamelCase.ConvertName(payload.Kind.ToString()) };
        switch (payload)
        {
            case Transfer t:
                json["to"] = Hex(t.To.ToArray());
                json["toBech32m"] = t.To.ToString();
                json["amount"] = Dec(t.Amount);
                json["memo"] = Hex(t.Memo);
                break;
            case Bond b:
                json["amount"] = Dec(b.Amount);
                break;
            case Delegate d:
                json["validator"] = Hex(d.Validator.ToArray());
                json["amount"] = Dec(d.Amount);
                break;
            case Unbond u:
                json["validator"] = Hex(u.Validator.ToArray());
                json["amount"] = Dec(u.Amount);
                break;
            case Withdraw w:
                json["validator"] = Hex(w.Validator.ToArray());
                break;
            case ReportEquivocation r:
                json["first"] = Hex(r.Evidence.First.Encode());
                json["second"] = Hex(r.Evidence.Second.Encode());
                json["evidenceValid"] = r.Evidence.Check(VectorFixtures.ChainId) is null;
                break;
            case Unjail:
                break;
            case Deploy d:
                json["code"] = Hex(d.Code);
                json["initArgs"] = Hex(d.InitArgs);
                json["admin"] = d.Admin is { } admin ? Hex(admin.ToArray()) : null;
                json["gasLimit"] = Dec(d.GasLimit);
                json["codeHash"] = Hex(Chain.Protocol.Proofs.ContractRecord.CodeHashOf(d.Code));
                break;
            case Call c:
                json["contract"] = Hex(c.Contract.ToArray());
                json["method"] = c.Method;
                json["args"] = Hex(c.Args);
                json["value"] = Dec(c.Value);
                json["gasLimit"] = Dec(c.GasLimit);
                break;
            case Upgrade u:
                json["contract"] = Hex(u.Contract.ToArray());
                json["code"] = Hex(u.Code);
                json["gasLimit"] = Dec(u.GasLimit);
                break;
            default:
                throw new InvalidOperationException($"no vector layout for payload kind {payload.Kind}");
        }

        return json;
    }

    /// <summary>Byte strings every decoder must reject. Each differs from a valid transaction in one way.</summary>
    public static IEnumerable<(string Description, byte[] Bytes, int? PaddedLength)> InvalidTransactions(SignedTransaction valid)
    {
        var bytes = valid.Encode();
        yield return ("one trailing byte", [.. bytes, 0x00], null);
        yield return ("last byte missing", bytes[..^1], null);
        yield return ("empty input", [], null);
        yield return ($"longer than {ProtocolLimits.MaxTransactionBytes} bytes: rejected before parsing", bytes, ProtocolLimits.MaxTransactionBytes + 1);

        var version = (byte[])bytes.Clone();
        version[0] = 2;
        yield return ("version byte 2", version, null);

        var body = valid.Body;
        var transfer = (Transfer)body.Payload;
        yield return ("payload kind 11", RawTransaction(body.ChainId, kind: 11, transfer.Memo), null);
        yield return ("payload kind 0", RawTransaction(body.ChainId, kind: 0, transfer.Memo), null);
        yield return ("payload kind 255", RawTransaction(body.ChainId, kind: 255, transfer.Memo), null);
        yield return ("memo of 257 bytes", RawTransaction(body.ChainId, kind: 1, new byte[257]), null);
        yield return ("chain id of 33 characters", RawTransaction(new string('a', 33), kind: 1, []), null);
        yield return ("chain id with a line feed", RawTransaction("chain\ntest", kind: 1, []), null);
        yield return ("chain id with byte 0x7f", RawTransaction("chain\u007ftest", kind: 1, []), null);

        var longMemo = RawTransaction(body.ChainId, kind: 1, []);
        var memoLengthOffset = 1 + 1 + body.ChainId.Length + 8 + 32 + 8 + 1 + 20 + 8;
        longMemo[memoLengthOffset] = 65; // claims 65 memo bytes where only the 64-byte signature follows
        yield return ("memo length runs past the end", longMemo, null);

        foreach (var (description, staking) in InvalidStakingTransactions())
        {
            yield return (description, staking, null);
        }
    }

    /// <summary>Staking payloads that do not decode: a field missing, a field too many, evidence that is not two votes.</summary>
    private static IEnumerable<(string Description, byte[] Bytes)> InvalidStakingTransactions()
    {
        var bond = VectorFixtures.BondTransaction().Encode();
        yield return ("bond whose amount is cut to 7 bytes", [.. bond[..^(64 + 1)], .. bond[^64..]]);
        var unjail = VectorFixtures.UnjailTransaction().Encode();
        yield return ("unjail with one byte of fields", [.. unjail[..^64], 0x00, .. unjail[^64..]]);
        var withdraw = VectorFixtures.WithdrawTransaction().Encode();
        yield return ("withdraw with 19 address bytes", [.. withdraw[..^(64 + 1)], .. withdraw[^64..]]);

        var deploy = VectorFixtures.DeployWithoutAdminTransaction().Encode();
        var codeLengthOffset = 1 + 1 + VectorFixtures.ChainId.Length + 8 + 32 + 8 + 1;
        var longCode = (byte[])deploy.Clone();
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(longCode.AsSpan(codeLengthOffset), ContractLimits.MaxCodeBytes + 1);
        yield return ($"deploy whose code length prefix is {ContractLimits.MaxCodeBytes + 1}", longCode);
        var adminFlag = (byte[])deploy.Clone();
        adminFlag[codeLengthOffset + 4 + VectorFixtures.TinyModule.Length + 4] = 2;
        yield return ("deploy whose hasAdmin byte is 2", adminFlag);
        var call = VectorFixtures.CallTransaction().Encode();
        var methodOffset = codeLengthOffset + 20;
        var longMethod = (byte[])call.Clone();
        longMethod[methodOffset] = 65;
        yield return ("call whose method length is 65", longMethod);
        var upgrade = VectorFixtures.UpgradeTransaction().Encode();
        yield return ("upgrade whose gas limit is cut to 7 bytes", [.. upgrade[..^(64 + 1)], .. upgrade[^64..]]);

        var report = VectorFixtures.ReportEquivocationTransaction();
        var reportBytes = report.Encode();
        var evidenceOffset = reportBytes.Length - 64 - report.Body.Payload switch
        {
            ReportEquivocation r => r.Evidence.Encode().Length,
            _ => throw new InvalidOperationException("not a report"),
        };
        var kind = (byte[])reportBytes.Clone();
        kind[evidenceOffset] = 3;
        yield return ("report whose first vote has kind 3", kind);
        var oneVote = reportBytes[..(evidenceOffset + VectorFixtures.DoublePrevote().First.Encode().Length)];
        yield return ("report with only one vote", [.. oneVote, .. reportBytes[^64..]]);
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
