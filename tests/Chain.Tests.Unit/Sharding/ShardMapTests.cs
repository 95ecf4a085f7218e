using System.Buffers.Binary;
using Chain.Protocol;
using Chain.Protocol.Crypto;
using Chain.Protocol.Sharding;
using Chain.Tests.Unit.Protocol;
using CsCheck;

namespace Chain.Tests.Unit.Sharding;

/// <summary>shard(address) = u64le(address[0..8]) mod shardCount (docs/protocol.md §13.1).</summary>
public sealed class ShardMapTests
{
    private static readonly Gen<ushort> ShardCount = Gen.UShort[1, ProtocolLimits.MaxShards];

    [Fact]
    public void The_shard_is_the_first_eight_bytes_little_endian_modulo_the_shard_count() =>
        Gen.Select(ProtocolGenerators.Address, ShardCount).Sample((address, count) =>
        {
            var bytes = address.ToArray();
            Assert.Equal(BinaryPrimitives.ReadUInt64LittleEndian(bytes) % count, ShardMap.ShardOf(address, count));
        });

    [Fact]
    public void Only_the_first_eight_bytes_count() =>
        Gen.Select(ProtocolGenerators.Address, Gen.Byte.Array[12], ShardCount).Sample((address, tail, count) =>
        {
            var other = new Address([.. address.ToArray()[..8], .. tail]);
            Assert.Equal(ShardMap.ShardOf(address, count), ShardMap.ShardOf(other, count));
        });

    [Fact]
    public void Byte_zero_is_the_least_significant()
    {
        var low = new Address([0x05, .. new byte[19]]);
        var high = new Address([.. new byte[7], 0x05, .. new byte[12]]);
        Assert.Equal((ushort)5, ShardMap.ShardOf(low, 64));
        Assert.Equal((ushort)0, ShardMap.ShardOf(high, 64)); // 5 * 2^56 is a multiple of 64
        Assert.Equal((ushort)((5UL << 56) % 7), ShardMap.ShardOf(high, 7));
    }

    [Fact]
    public void One_shard_holds_every_account_and_zero_shards_is_an_error()
    {
        ProtocolGenerators.Address.Sample(address => Assert.Equal(ShardMap.MetaShard, ShardMap.ShardOf(address, 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => ShardMap.ShardOf(new Address(new byte[20]), 0));
    }

    [Fact]
    public void Address_hashes_spread_over_every_shard()
    {
        var counts = new int[8];
        for (var i = 0; i < 800; i++)
        {
            counts[ShardMap.ShardOf(new PublicKey(Hashing.Sha256(BitConverter.GetBytes(i)).ToArray()).ToAddress(), 8)]++;
        }

        Assert.All(counts, c => Assert.InRange(c, 60, 140));
    }
}
