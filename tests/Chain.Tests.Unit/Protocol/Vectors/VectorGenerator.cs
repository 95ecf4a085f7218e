using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Chain.Tests.Unit.Protocol.Vectors;

/// <summary>
/// Computes every file of docs/test-vectors from <see cref="VectorFixtures"/> with the protocol library.
/// Byte strings are lowercase hex; u64 and i64 values are decimal strings (they exceed 2^53).
/// </summary>
internal static partial class VectorGenerator
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static IReadOnlyDictionary<string, string> Generate() => new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["hashing.json"] = Serialize(TaggedHashes()),
        ["keys.json"] = Serialize(Keys()),
        ["bech32m.json"] = Serialize(Bech32mStrings()),
        ["transactions.json"] = Serialize(Transactions()),
        ["blocks.json"] = Serialize(Blocks()),
        ["consensus.json"] = Serialize(Consensus()),
        ["merkle.json"] = Serialize(Merkle()),
        ["state-proofs.json"] = Serialize(StateProofs()),
        ["genesis.json"] = Serialize(Genesis()),
        ["sharding.json"] = Serialize(Sharding()),
    };

    private static string Serialize(JsonObject root) => root.ToJsonString(Options) + "\n";

    private static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);

    private static string Hex(Chain.Protocol.Crypto.Hash32 hash) => hash.ToString();

    private static string Dec(ulong value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Dec(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static JsonArray Array<T>(IEnumerable<T> items, Func<T, JsonNode?> map) => new([.. items.Select(map)]);
}
