using System.Reflection;
using System.Text.Json.Nodes;
using Chain.Protocol.Crypto;

namespace Chain.Tests.Unit.Protocol.Vectors;

internal static partial class VectorGenerator
{
    /// <summary>RFC 8032 §7.1 TEST 1: anchors the key derivation to the standard.</summary>
    public static readonly byte[] Rfc8032Seed = Convert.FromHexString("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");

    /// <summary>BIP-350's valid Bech32m strings.</summary>
    public static readonly string[] Bip350Valid =
    [
        "A1LQFN3A",
        "a1lqfn3a",
        "an83characterlonghumanreadablepartthatcontainsthetheexcludedcharactersbioandnumber11sg7hg6",
        "abcdef1l7aum6echk45nj3s0wdvt2fg8x9yrzpqzd3ryx",
        "11llllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllludsr8",
        "split1checkupstagehandshakeupstreamerranterredcaperredlc445v",
        "?1v759aa",
    ];

    /// <summary>BIP-350's invalid Bech32m strings, with BIP-350's reason.</summary>
    public static readonly (string Text, string Reason)[] Bip350Invalid =
    [
        ("\u0020" + "1xj0phk", "HRP character out of range"),
        ("\u007f" + "1g6xzxy", "HRP character out of range"),
        ("\u0080" + "1vctc34", "HRP character out of range"),
        ("an84characterslonghumanreadablepartthatcontainsthetheexcludedcharactersbioandnumber11d6pts4", "overall max length exceeded"),
        ("qyrz8wqd2c9m", "no separator character"),
        ("1qyrz8wqd2c9m", "empty HRP"),
        ("y1b0jsk6g", "invalid data character"),
        ("lt1igcx5c0", "invalid data character"),
        ("in1muywd", "too short checksum"),
        ("mm1crxm3i", "invalid character in checksum"),
        ("au1s5cgom", "invalid character in checksum"),
        ("M1VUXWEZ", "checksum calculated with uppercase form of HRP"),
        ("16plkw9", "empty HRP"),
        ("1p2gdwpf", "empty HRP"),
    ];

    private static JsonObject TaggedHashes()
    {
        // Every constant of HashTags, in declaration order (metadata order, which the compiler keeps).
        var tags = typeof(HashTags).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .OrderBy(f => f.MetadataToken)
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToArray();
        byte[][] inputs = [[], [0x00, 0x01, 0x02, 0x03]];
        var tagged = new JsonArray();
        foreach (var tag in tags)
        {
            foreach (var data in inputs)
            {
                tagged.Add(new JsonObject { ["tag"] = tag, ["data"] = Hex(data), ["hash"] = Hex(Hashing.Tagged(tag, data)) });
            }
        }

        return new JsonObject
        {
            ["description"] = "Domain-tagged SHA-256: SHA-256(ascii(tag) || 0x00 || data), docs/protocol.md section 3.1.",
            ["tagged"] = tagged,
            ["sha256"] = new JsonArray(new JsonObject { ["data"] = "", ["hash"] = Hex(Hashing.Sha256([])) }),
        };
    }

    private static JsonObject Keys()
    {
        var keys = new JsonArray();
        foreach (var fill in new byte[] { 1, 2, 3, 4 })
        {
            keys.Add(KeyVector(VectorFixtures.Seed(fill)));
        }

        keys.Add(KeyVector(Rfc8032Seed));
        using var rfc = KeyPair.FromSeed(Rfc8032Seed);
        return new JsonObject
        {
            ["description"] = "Ed25519 seed -> public key (RFC 8032) -> address = first 20 bytes of Tagged(\"chain/address/v1\", publicKey) -> Bech32m with hrp \"chain\". docs/protocol.md section 3.",
            ["keys"] = keys,
            ["signatures"] = new JsonArray(new JsonObject
            {
                ["description"] = "RFC 8032 section 7.1 TEST 1: the empty message",
                ["seed"] = Hex(Rfc8032Seed),
                ["message"] = "",
                ["signature"] = Hex(rfc.Sign([]).ToArray()),
            }),
        };
    }

    private static JsonObject KeyVector(byte[] seed)
    {
        using var key = KeyPair.FromSeed(seed);
        var publicKey = key.PublicKey.ToArray();
        return new JsonObject
        {
            ["seed"] = Hex(seed),
            ["publicKey"] = Hex(publicKey),
            ["addressHash"] = Hex(Hashing.Tagged(HashTags.Address, publicKey)),
            ["address"] = Hex(key.Address.ToArray()),
            ["bech32m"] = key.Address.ToString(),
        };
    }

    private static JsonObject Bech32mStrings()
    {
        var address = VectorFixtures.AddressOf(1).ToString();
        var typos = new JsonArray();
        foreach (var position in new[] { 6, 20, address.Length - 1 })
        {
            var chars = address.ToCharArray();
            chars[position] = chars[position] == 'q' ? 'p' : 'q';
            typos.Add(new string(chars));
        }

        return new JsonObject
        {
            ["description"] = "BIP-350 Bech32m strings. 'data' is the payload converted from 5-bit groups to bytes, or null when the groups do not convert (more than 4 padding bits, or non-zero padding); such strings have a valid checksum but are not addresses.",
            ["valid"] = Array(Bip350Valid, s => ValidString(s)),
            ["invalid"] = Array(Bip350Invalid, s => new JsonObject { ["string"] = s.Text, ["reason"] = s.Reason }),
            ["addressTypos"] = new JsonObject { ["address"] = address, ["typos"] = typos },
        };
    }

    private static JsonObject ValidString(string text)
    {
        var ok = Bech32m.TryDecode(text, out _, out var data, out _);
        var separator = text.LastIndexOf('1');
        return new JsonObject
        {
            ["string"] = text,
            ["hrp"] = text[..separator].ToLowerInvariant(),
            ["data"] = ok ? Hex(data) : null,
        };
    }
}
