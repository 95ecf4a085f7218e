using Chain.Protocol.Crypto;
using Chain.Protocol.Sharding;

namespace Chain.Tests.Grains.Sharding;

internal static class ShardKeys
{
    /// <summary>A fresh key whose account lives on <paramref name="shard"/> of <paramref name="shards"/>.</summary>
    public static KeyPair On(int shard, ushort shards)
    {
        while (true)
        {
            var key = KeyPair.Generate();
            if (ShardMap.ShardOf(key.Address, shards) == shard)
            {
                return key;
            }

            key.Dispose();
        }
    }

    /// <summary>One fresh key on each shard, in shard order.</summary>
    public static KeyPair[] OnEach(ushort shards) => [.. Enumerable.Range(0, shards).Select(s => On(s, shards))];
}
