using System.Buffers.Binary;
using Chain.Protocol.Crypto;

namespace Chain.Protocol.Sharding;

/// <summary>
/// Which shard an account lives on (docs/protocol.md §13.1): <c>u64le(address[0..8]) mod shardCount</c>. Addresses are
/// hashes, so accounts spread evenly; the shard count is fixed at genesis (<see cref="Genesis.ChainParameters.ShardCount"/>).
/// Shard 0 is also the metashard: it runs every payload other than a plain transfer (staking, contracts), after the other shards.
/// </summary>
public static class ShardMap
{
    public const ushort MetaShard = 0;

    public static ushort ShardOf(Address address, ushort shardCount)
    {
        ArgumentOutOfRangeException.ThrowIfZero(shardCount);
        if (shardCount == 1)
        {
            return 0;
        }

        Span<byte> bytes = stackalloc byte[Address.Size];
        address.CopyTo(bytes);
        return (ushort)(BinaryPrimitives.ReadUInt64LittleEndian(bytes) % shardCount);
    }
}
