using System.Buffers.Binary;
using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;

namespace Chain.Protocol.Consensus;

/// <summary>
/// Who proposes at (height, round): a stake-weighted draw whose randomness is fixed by the previous block,
/// so anyone holding the set and the previous block hash can recompute it and nobody can bias it after
/// the previous block is final. The draw is
/// <c>x = UInt128LE(Tagged("chain/leader/v1", seed 32 | height u64 LE | round u32 LE)[0..16]) mod TotalPower</c>,
/// and the leader is the first validator, in set order, whose cumulative power exceeds <c>x</c>.
/// Pure integer arithmetic: no floating point, no culture, no iteration over unordered collections.
/// </summary>
public static class LeaderSelection
{
    /// <summary>The index in <paramref name="set"/>.Validators of the proposer for (<paramref name="height"/>, <paramref name="round"/>).</summary>
    /// <param name="seed">The previous block's hash (the genesis hash for height 1).</param>
    public static int Leader(ValidatorSet set, Hash32 seed, ulong height, uint round)
    {
        ArgumentNullException.ThrowIfNull(set);
        Span<byte> data = stackalloc byte[Hash32.Size + 8 + 4];
        seed.CopyTo(data);
        BinaryPrimitives.WriteUInt64LittleEndian(data[Hash32.Size..], height);
        BinaryPrimitives.WriteUInt32LittleEndian(data[(Hash32.Size + 8)..], round);
        var digest = Hashing.Tagged(HashTags.LeaderSeed, data);

        Span<byte> bytes = stackalloc byte[Hash32.Size];
        digest.CopyTo(bytes);
        var draw = BinaryPrimitives.ReadUInt128LittleEndian(bytes[..16]) % set.TotalPower;

        UInt128 cumulative = 0;
        for (var i = 0; i < set.Validators.Count; i++)
        {
            cumulative += set.Validators[i].Power;
            if (draw < cumulative)
            {
                return i;
            }
        }

        // Unreachable: draw < TotalPower, the sum of all powers.
        throw new InvalidOperationException("leader draw exceeds the total power");
    }
}
