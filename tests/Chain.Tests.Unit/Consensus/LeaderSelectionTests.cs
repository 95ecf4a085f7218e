using System.Buffers.Binary;
using Chain.Protocol.Blocks;
using Chain.Protocol.Consensus;
using Chain.Protocol.Crypto;

namespace Chain.Tests.Unit.Consensus;

/// <summary>Stake-weighted leader selection from the previous block hash: recomputable by anyone, proportional to power.</summary>
public sealed class LeaderSelectionTests
{
    [Fact]
    public void The_leader_is_the_documented_draw_walked_over_cumulative_power()
    {
        var set = ConsensusKit.Set(5, 1, 7, 3);
        for (var i = 0; i < 200; i++)
        {
            var seed = Hashing.Sha256(BitConverter.GetBytes(i));
            var height = (ulong)(i * 7919);
            var round = (uint)(i % 5);

            var data = new byte[44];
            seed.CopyTo(data);
            BinaryPrimitives.WriteUInt64LittleEndian(data.AsSpan(32), height);
            BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(40), round);
            var draw = BinaryPrimitives.ReadUInt128LittleEndian(Hashing.Tagged("chain/leader/v1", data).ToArray().AsSpan(0, 16)) % set.TotalPower;
            var expected = 0;
            UInt128 below = set.Validators[0].Power;
            while (draw >= below)
            {
                expected++;
                below += set.Validators[expected].Power;
            }

            Assert.Equal(expected, LeaderSelection.Leader(set, seed, height, round));
        }
    }

    [Fact]
    public void Over_many_seeds_each_validator_leads_in_proportion_to_its_power()
    {
        ulong[] powers = [1, 2, 3, 4, 10, 20];
        var set = ConsensusKit.Set(powers);
        var counts = new int[set.Count];
        const int Draws = 30_000;
        for (var i = 0; i < Draws; i++)
        {
            counts[LeaderSelection.Leader(set, Hashing.Sha256(BitConverter.GetBytes(i)), 1 + (ulong)(i % 11), (uint)(i % 3))]++;
        }

        for (var i = 0; i < set.Count; i++)
        {
            // Expected count ± 20% (at least 4 standard deviations for the smallest validator): deterministic seeds, no flakiness.
            var expected = (long)Draws * (long)set.Validators[i].Power / (long)set.TotalPower;
            Assert.InRange(counts[i], expected * 8 / 10, expected * 12 / 10);
        }
    }

    [Fact]
    public void Successive_rounds_move_to_different_leaders()
    {
        var set = ConsensusKit.Set(1, 1, 1, 1);
        var changes = 0;
        const int Heights = 500;
        for (var h = 1UL; h <= Heights; h++)
        {
            var seed = Hashing.Sha256(BitConverter.GetBytes(h));
            var distinct = Enumerable.Range(0, 8).Select(r => LeaderSelection.Leader(set, seed, h, (uint)r)).Distinct().Count();
            Assert.True(distinct >= 2, $"height {h}: one leader for eight rounds");
            if (LeaderSelection.Leader(set, seed, h, 0) != LeaderSelection.Leader(set, seed, h, 1))
            {
                changes++;
            }
        }

        // Four equal validators: the next round has another leader three times in four.
        Assert.InRange(changes, Heights * 65 / 100, Heights * 85 / 100);
    }

    [Fact]
    public void The_previous_block_decides_the_leader_and_a_sole_validator_always_leads()
    {
        var set = ConsensusKit.Set(1, 1, 1, 1, 1, 1, 1, 1);
        var leaders = Enumerable.Range(0, 64).Select(i => LeaderSelection.Leader(set, Hashing.Sha256(BitConverter.GetBytes(i)), 9, 0)).Distinct().Count();
        Assert.True(leaders >= 6, $"only {leaders} of 8 validators ever lead height 9");
        Assert.Equal(0, LeaderSelection.Leader(new ValidatorSet([new Validator(ConsensusKit.Key(3).PublicKey, 42)]), Hash32.Zero, 1, 7));
    }

    [Fact]
    public void Powers_near_the_largest_total_do_not_overflow()
    {
        var set = ConsensusKit.Set(ulong.MaxValue / 2, ulong.MaxValue / 2);
        var leaders = Enumerable.Range(0, 64).Select(i => LeaderSelection.Leader(set, Hashing.Sha256(BitConverter.GetBytes(i)), 1, 0)).Distinct().Count();
        Assert.Equal(2, leaders);
    }
}
