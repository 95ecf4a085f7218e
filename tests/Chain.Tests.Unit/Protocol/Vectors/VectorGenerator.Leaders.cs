using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json.Nodes;
using Chain.Protocol.Blocks;
using Chain.Protocol.Consensus;
using Chain.Protocol.Crypto;

namespace Chain.Tests.Unit.Protocol.Vectors;

internal static partial class VectorGenerator
{
    /// <summary>Rounds counted in the tally vector: enough for the counts to follow the powers.</summary>
    public const int TallyRounds = 600;

    private static JsonObject LeaderSelectionVectors()
    {
        var single = VectorFixtures.SingleValidatorSet();
        var three = VectorFixtures.ThreeValidatorSet();
        var huge = new ValidatorSet([new Validator(VectorFixtures.PublicKeyOf(1), (ulong.MaxValue / 2) + 1), new Validator(VectorFixtures.PublicKeyOf(2), ulong.MaxValue / 2)]);
        var genesisHash = VectorFixtures.Genesis().Hash();
        var block1Hash = VectorFixtures.Block1().Hash();
        var draws = new JsonArray();
        foreach (var (name, set) in new[] { ("single", single), ("three", three), ("huge", huge) })
        {
            foreach (var (seed, height) in new[] { (genesisHash, 1UL), (block1Hash, 2UL) })
            {
                // Rounds 0..3, the last round, and the first round after 3 that the set's last validator leads (so the
                // draws reach the end of the cumulative powers whatever the seeds are).
                var lastLeads = Enumerable.Range(4, 10_000).Select(r => (uint)r).First(r => LeaderSelection.Leader(set, seed, height, r) == set.Count - 1);
                foreach (var round in new uint[] { 0, 1, 2, 3, lastLeads, uint.MaxValue })
                {
                    draws.Add(LeaderVector(name, set, seed, height, round));
                }
            }
        }

        return new JsonObject
        {
            ["description"] = "Stake-weighted leader selection, docs/protocol.md section 9.5: digest = Tagged(\"chain/leader/v1\", seed 32 | height u64 | round u32); draw = the first 16 bytes of the digest as a little-endian unsigned 128-bit integer, mod the total power; the leader is the first validator (in set order, by index) whose cumulative power exceeds the draw. 'tally' counts the leaders of rounds 0 to rounds-1 at one height.",
            ["validatorSets"] = new JsonArray(
                ValidatorSetVector("single", single, single.Validators),
                ValidatorSetVector("three", three, three.Validators),
                ValidatorSetVector("huge", huge, huge.Validators)),
            ["draws"] = draws,
            ["tally"] = new JsonObject
            {
                ["validatorSet"] = "three",
                ["seed"] = Hex(block1Hash),
                ["height"] = Dec(2UL),
                ["rounds"] = TallyRounds,
                ["counts"] = Array(Tally(three, block1Hash, 2, TallyRounds), c => c),
            },
        };
    }

    private static JsonObject LeaderVector(string setName, ValidatorSet set, Hash32 seed, ulong height, uint round)
    {
        var input = new byte[Hash32.Size + 8 + 4];
        seed.CopyTo(input);
        BinaryPrimitives.WriteUInt64LittleEndian(input.AsSpan(Hash32.Size), height);
        BinaryPrimitives.WriteUInt32LittleEndian(input.AsSpan(Hash32.Size + 8), round);
        var digest = Hashing.Tagged(HashTags.LeaderSeed, input);
        var draw = BinaryPrimitives.ReadUInt128LittleEndian(digest.ToArray().AsSpan(0, 16)) % set.TotalPower;
        var leader = LeaderSelection.Leader(set, seed, height, round);
        return new JsonObject
        {
            ["validatorSet"] = setName,
            ["seed"] = Hex(seed),
            ["height"] = Dec(height),
            ["round"] = round,
            ["input"] = Hex(input),
            ["digest"] = Hex(digest),
            ["draw"] = draw.ToString(CultureInfo.InvariantCulture),
            ["leader"] = leader,
            ["leaderPublicKey"] = Hex(set.Validators[leader].PublicKey.ToArray()),
        };
    }

    /// <summary>How many of rounds 0..rounds-1 at <paramref name="height"/> each validator leads.</summary>
    public static int[] Tally(ValidatorSet set, Hash32 seed, ulong height, int rounds)
    {
        var counts = new int[set.Count];
        for (var round = 0; round < rounds; round++)
        {
            counts[LeaderSelection.Leader(set, seed, height, (uint)round)]++;
        }

        return counts;
    }
}
