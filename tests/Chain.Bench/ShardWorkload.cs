using System.Buffers.Binary;
using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;
using Chain.Protocol.Genesis;
using Chain.Protocol.Sharding;
using Chain.Protocol.Transactions;

namespace Chain.Bench;

/// <summary>
/// The <c>shards</c> workload for one (shard count, cross-shard fraction): a genesis with that shard count funding
/// <see cref="Accounts"/> accounts, and blocks of transfers signed before any timing. Transfer j is sent by account
/// j mod A; exactly <c>cross</c> of every 100 consecutive transfers go to an account on another shard (spread evenly, not
/// random), the rest to another account on the sender's shard. Recipients are drawn by a fixed hash of j: the same
/// workload every run.
/// </summary>
internal sealed class ShardWorkload
{
    public const string ChainId = "bench-shards";
    private const ulong Balance = 1_000_000_000_000;

    private ShardWorkload(ShardKeys keys, int cross, GenesisDocument genesis, List<SignedTransaction[]> blocks)
    {
        Keys = keys;
        CrossPercent = cross;
        Genesis = genesis;
        Blocks = blocks;
    }

    public ShardKeys Keys { get; }

    public int Accounts => Keys.Accounts.Length;

    public ushort Shards => Genesis.Parameters.ShardCount;

    public int CrossPercent { get; }

    public GenesisDocument Genesis { get; }

    public IReadOnlyList<SignedTransaction[]> Blocks { get; }

    public ChainParameters Parameters => Genesis.Parameters;

    /// <summary>Every address that can hold a balance: the accounts and the validator.</summary>
    public IEnumerable<Address> Addresses => Keys.Addresses.Append(Keys.Validator.Address);

    public static ShardWorkload Create(ShardKeys keys, ushort shards, int cross, int blocks, int txsPerBlock)
    {
        var parameters = new ChainParameters(MinFee: 1, MaxBlockTransactions: (uint)txsPerBlock) { ShardCount = shards };
        var genesis = new GenesisDocument(
            ChainId,
            1_000,
            parameters,
            new ValidatorSet([new Validator(keys.Validator.PublicKey, 10)]),
            [.. keys.Addresses.Select(a => new GenesisAccount(a, Balance)).OrderBy(a => a.Address)]);
        var byShard = Enumerable.Range(0, shards).Select(s => keys.Addresses.Select((a, i) => (a, i)).Where(p => ShardMap.ShardOf(p.a, shards) == s).Select(p => p.i).ToArray()).ToArray();
        if (byShard.Any(s => s.Length < 2))
        {
            throw new ArgumentException($"{keys.Accounts.Length} accounts leave a shard of {shards} with fewer than 2 accounts");
        }

        var total = blocks * txsPerBlock;
        var accounts = keys.Accounts.Length;
        var nonces = new ulong[accounts];
        var plan = new (int Sender, ulong Nonce, int To)[total];
        for (var j = 0; j < total; j++)
        {
            var sender = j % accounts;
            var home = ShardMap.ShardOf(keys.Addresses[sender], shards);
            var crosses = (((j + 1) * cross) / 100) != ((j * cross) / 100);
            var z = Mix((ulong)j);
            var target = crosses ? (home + 1 + (int)(z % (ulong)(shards - 1))) % shards : home;
            var candidates = byShard[target];
            var to = candidates[(int)((z >> 20) % (ulong)candidates.Length)];
            plan[j] = (sender, nonces[sender]++, to == sender ? candidates[(Array.IndexOf(candidates, to) + 1) % candidates.Length] : to);
        }

        var signed = new SignedTransaction[total];
        Parallel.For(0, total, j =>
        {
            var (sender, nonce, to) = plan[j];
            var key = keys.Accounts[sender];
            signed[j] = new Transaction(ChainId, nonce, key.PublicKey, 1, new Transfer(keys.Addresses[to], 1)).Sign(key);
        });
        return new ShardWorkload(keys, cross, genesis, [.. signed.Chunk(txsPerBlock)]);
    }

    /// <summary>SplitMix64's finalizer.</summary>
    private static ulong Mix(ulong z)
    {
        unchecked
        {
            z += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}

/// <summary>The accounts' and the validator's keys, made once and shared by every (shard count, fraction).</summary>
internal sealed class ShardKeys : IDisposable
{
    public ShardKeys(int accounts)
    {
        Accounts = new KeyPair[accounts];
        Parallel.For(0, accounts, i => Accounts[i] = KeyPair.FromSeed(Seed(i)));
        Addresses = [.. Accounts.Select(k => k.Address)];
        Validator = KeyPair.FromSeed(Seed(-1));
    }

    public KeyPair[] Accounts { get; }

    public Address[] Addresses { get; }

    public KeyPair Validator { get; }

    public void Dispose()
    {
        foreach (var key in Accounts.Append(Validator))
        {
            key.Dispose();
        }
    }

    private static byte[] Seed(int index)
    {
        var seed = new byte[32];
        seed[0] = 0x5a;
        BinaryPrimitives.WriteInt32LittleEndian(seed.AsSpan(1), index);
        return seed;
    }
}
