using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using Chain.Protocol.Crypto;
using Chain.Tests.Unit.Protocol.Vectors;

namespace Chain.Tests.Unit.Protocol;

/// <summary>Reads each vector in docs/test-vectors and recomputes it with the protocol library.</summary>
public sealed partial class TestVectorTests
{
    [Fact]
    public void Tagged_hashes_match_the_hashing_vectors()
    {
        var vectors = Items(Load("hashing.json")["tagged"]).ToArray();
        Assert.NotEmpty(vectors);
        foreach (var v in vectors)
        {
            Assert.Equal(Hash(v["hash"]), Hashing.Tagged((string)v["tag"]!, Bytes(v["data"])));
        }

        var sha = Items(Load("hashing.json")["sha256"]).Single();
        Assert.Equal(Hash(sha["hash"]), Hashing.Sha256(Bytes(sha["data"])));
    }

    [Fact]
    public void Every_domain_tag_of_the_library_has_hashing_vectors()
    {
        var libraryTags = typeof(HashTags).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (string)f.GetRawConstantValue()!)
            .Order(StringComparer.Ordinal);
        var vectorTags = Items(Load("hashing.json")["tagged"]).Select(v => (string)v["tag"]!).Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(libraryTags, vectorTags);
    }

    [Fact]
    public void Seeds_give_the_public_keys_addresses_and_bech32m_strings_of_the_key_vectors()
    {
        foreach (var v in Items(Load("keys.json")["keys"]))
        {
            using var key = KeyPair.FromSeed(Bytes(v["seed"]));
            Assert.Equal(Bytes(v["publicKey"]), key.PublicKey.ToArray());
            Assert.Equal(Hash(v["addressHash"]), Hashing.Tagged(HashTags.Address, key.PublicKey.ToArray()));
            Assert.Equal(Bytes(v["address"]), key.Address.ToArray());
            Assert.Equal((string)v["bech32m"]!, key.Address.ToString());
            Assert.Equal(key.Address, Address.Parse((string)v["bech32m"]!));
        }
    }

    [Fact]
    public void Ed25519_matches_rfc8032_test_1()
    {
        // RFC 8032 section 7.1, TEST 1, written out here rather than read from the vector file.
        using var key = KeyPair.FromSeed(Convert.FromHexString("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
        Assert.Equal("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", key.PublicKey.ToString());
        var signature = key.Sign([]);
        Assert.Equal(
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
            signature.ToString());
        Assert.True(key.PublicKey.Verify([], signature));

        var vector = Items(Load("keys.json")["signatures"]).Single();
        Assert.Equal(Bytes(vector["signature"]), signature.ToArray());
    }

    [Fact]
    public void Bech32m_vectors_decode_or_fail_as_recorded()
    {
        var file = Load("bech32m.json");
        foreach (var v in Items(file["valid"]))
        {
            var ok = Bech32m.TryDecode((string)v["string"]!, out var hrp, out var data, out var error);
            if (v["data"] is null)
            {
                Assert.False(ok);
                Assert.Contains("padding", error, StringComparison.Ordinal);
            }
            else
            {
                Assert.True(ok, error);
                Assert.Equal((string)v["hrp"]!, hrp);
                Assert.Equal(Bytes(v["data"]), data);
            }
        }

        foreach (var v in Items(file["invalid"]))
        {
            Assert.False(Bech32m.TryDecode((string)v["string"]!, out _, out _, out _), (string)v["reason"]!);
        }

        var typos = file["addressTypos"]!;
        Assert.True(Address.TryParse((string)typos["address"]!, out _, out _));
        foreach (var typo in Items(typos["typos"]))
        {
            Assert.False(Address.TryParse((string)typo!, out _, out _));
        }
    }

    private static JsonNode Load(string name) => JsonNode.Parse(VectorFiles.Read(name))!;

    private static byte[] Bytes(JsonNode? node) => Convert.FromHexString((string)node!);

    private static Hash32 Hash(JsonNode? node) => new(Bytes(node));

    private static ulong U64(JsonNode? node) => ulong.Parse((string)node!, CultureInfo.InvariantCulture);

    private static long I64(JsonNode? node) => long.Parse((string)node!, CultureInfo.InvariantCulture);

    private static IEnumerable<JsonNode> Items(JsonNode? node) => node!.AsArray().Select(n => n!);
}
