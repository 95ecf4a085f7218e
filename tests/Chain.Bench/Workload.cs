using Chain.Tests.Unit.Core;
using System.Buffers.Binary;
using Chain.Core.Blocks;
using Chain.Core.Execution;
using Chain.Core.State;
using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;
using Chain.Protocol.Genesis;
using Chain.Protocol.Transactions;

namespace Chain.Bench;

/// <summary>
/// The <c>exec</c> workload for one contention level: a genesis funding <see cref="Accounts"/> accounts, and
/// blocks of transfers signed before any timing. Transfer j is sent by account j mod N to another account drawn
/// by a fixed hash of j (the peer-to-peer workload of the Block-STM paper): with 2 accounts every transfer
/// conflicts with the one before it; with N accounts two transfers conflict when they share an account.
/// </summary>
internal sealed class Workload
{
    private const string ChainId = "bench-exec";
    private const ulong Balance = 1_000_000_000_000;

    private readonly IReadOnlyList<StateChange> _genesisChanges;
    private readonly Address _proposer;
    private readonly ChainParameters _parameters;
    private readonly long _genesisTime;

    private Workload(int accounts, IReadOnlyList<StateChange> genesisChanges, Address proposer, ChainParameters parameters, long genesisTime, List<SignedTransaction[]> blocks)
    {
        Accounts = accounts;
        _genesisChanges = genesisChanges;
        _proposer = proposer;
        _parameters = parameters;
        _genesisTime = genesisTime;
        Blocks = blocks;
    }

    public int Accounts { get; }

    public IReadOnlyList<SignedTransaction[]> Blocks { get; }

    public static Workload Create(int accounts, int blocks, int txsPerBlock)
    {
        var keys = new KeyPair[accounts];
        Parallel.For(0, accounts, i => keys[i] = KeyPair.FromSeed(Seed(i)));
        using var validator = KeyPair.FromSeed(Seed(-1));
        var parameters = new ChainParameters(MinFee: 1, MaxBlockTransactions: (uint)txsPerBlock);
        var genesis = new GenesisDocument(
            ChainId,
            1_000,
            parameters,
            new ValidatorSet([new Validator(validator.PublicKey, 10)]),
            [.. keys.Select(k => new GenesisAccount(k.Address, Balance)).OrderBy(a => a.Address)]);

        // Nonces are handed out in order first, so that signing can fan out over cores.
        var total = blocks * txsPerBlock;
        var nonces = new ulong[accounts];
        var plan = new (int Sender, ulong Nonce)[total];
        for (var j = 0; j < total; j++)
        {
            var sender = j % accounts;
            plan[j] = (sender, nonces[sender]++);
        }

        var signed = new SignedTransaction[total];
        Parallel.For(0, total, j =>
        {
            var (sender, nonce) = plan[j];
            var to = keys[Recipient(sender, j, accounts)].Address;
            signed[j] = new Transaction(ChainId, nonce, keys[sender].PublicKey, 1, new Transfer(to, 1)).Sign(keys[sender]);
        });
        foreach (var key in keys)
        {
            key.Dispose();
        }

        var chunks = signed.Chunk(txsPerBlock).ToList();
        return new Workload(accounts, GenesisState.Changes(genesis), validator.Address, parameters, genesis.GenesisTimeUnixMs, chunks);
    }

    public MemoryLedger GenesisLedger()
    {
        var ledger = new MemoryLedger();
        ledger.Commit(_genesisChanges);
        return ledger;
    }

    public BlockContext Context(ulong height) => new(ChainId, height, _genesisTime + ((long)height * 1000), _proposer, _parameters);

    /// <summary>Any account but the sender, chosen by SplitMix64 of the transfer's index: the same workload every run.</summary>
    private static int Recipient(int sender, int transfer, int accounts)
    {
        unchecked
        {
            var z = (ulong)transfer + 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return (int)(((ulong)sender + 1 + (z % (ulong)(accounts - 1))) % (ulong)accounts);
        }
    }

    private static byte[] Seed(int index)
    {
        var seed = new byte[32];
        seed[0] = 0xbe;
        BinaryPrimitives.WriteInt32LittleEndian(seed.AsSpan(1), index);
        return seed;
    }
}
