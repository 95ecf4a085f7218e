using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;
using Chain.Protocol.Genesis;
using Chain.Protocol.Sharding;
using Chain.Protocol.Transactions;

namespace Chain.Tests.Unit.Protocol.Vectors;

/// <summary>
/// The fixed inputs behind docs/test-vectors: keys from seeds of one repeated byte, a small genesis,
/// two transfers and two blocks (consensus messages and staking transactions in the other parts).
/// Everything is deterministic (Ed25519 signatures included).
/// </summary>
internal static partial class VectorFixtures
{
    public const string ChainId = "chain-test";
    public const long GenesisTimeUnixMs = 1_767_225_600_000; // 2026-01-01T00:00:00Z

    /// <summary>Stands in for a state root in header vectors: they test encoding, not execution.</summary>
    public static readonly Hash32 PlaceholderStateRoot = new(Enumerable.Repeat((byte)0x5a, 32).ToArray());

    public static byte[] Seed(byte fill) => Enumerable.Repeat(fill, 32).ToArray();

    public static KeyPair Key(byte fill) => KeyPair.FromSeed(Seed(fill));

    public static PublicKey PublicKeyOf(byte fill)
    {
        using var key = Key(fill);
        return key.PublicKey;
    }

    public static Address AddressOf(byte fill) => PublicKeyOf(fill).ToAddress();

    /// <summary>One validator (seed 0x01, power 100): the genesis set.</summary>
    public static ValidatorSet SingleValidatorSet() => new([new Validator(PublicKeyOf(1), 100)]);

    /// <summary>Seeds 0x01, 0x02, 0x03 with powers 30, 20, 10 (total 60: a quorum needs more than 40).</summary>
    public static ValidatorSet ThreeValidatorSet() =>
        new([new Validator(PublicKeyOf(1), 30), new Validator(PublicKeyOf(2), 20), new Validator(PublicKeyOf(3), 10)]);

    /// <summary>Staking rules of the vector genesis: every field a different value, so a swapped field changes the encoding.</summary>
    public static StakingParameters Staking { get; } = new(
        EpochLength: 120,
        UnbondingPeriod: 3_000,
        MaxValidators: 50,
        MinSelfBond: 60,
        BlockReward: 7,
        ProposerRewardBps: 1_500,
        DoubleSignSlashBps: 500,
        DowntimeWindow: 200,
        MaxMissedBlocks: 150,
        DowntimeJailBlocks: 400,
        DowntimeSlashBps: 25);

    public static GenesisDocument Genesis()
    {
        var accounts = new[] { new GenesisAccount(AddressOf(1), 1_000_000), new GenesisAccount(AddressOf(2), 5_000_000), new GenesisAccount(AddressOf(3), 250_000) }
            .OrderBy(a => a.Address)
            .ToArray();
        var parameters = new ChainParameters(MinFee: 1, MaxBlockTransactions: 5_000) { Staking = Staking, ShardCount = 1, ReceiptTimeoutHeights = 720 };
        return new GenesisDocument(ChainId, GenesisTimeUnixMs, parameters, SingleValidatorSet(), accounts);
    }

    /// <summary>Seed 0x02 sends 1000 units to seed 0x03's address, fee 10, nonce 0, no memo.</summary>
    public static SignedTransaction TransferWithoutMemo()
    {
        using var sender = Key(2);
        return new Transaction(ChainId, 0, sender.PublicKey, 10, new Transfer(AddressOf(3), 1000)).Sign(sender);
    }

    /// <summary>Seed 0x03 sends the largest u64 amount to seed 0x02's address, fee 1, nonce 7, memo "hello, chain".</summary>
    public static SignedTransaction TransferWithMemo()
    {
        using var sender = Key(3);
        var memo = System.Text.Encoding.ASCII.GetBytes("hello, chain");
        return new Transaction(ChainId, 7, sender.PublicKey, 1, new Transfer(AddressOf(2), ulong.MaxValue, memo)).Sign(sender);
    }

    public static Receipt SuccessReceipt(SignedTransaction tx) => new(tx.Hash, ReceiptStatus.Success, tx.Body.Fee);

    /// <summary>Block 1: previous hash is the genesis hash, one transfer, the genesis validator set, one shard's chunk.</summary>
    public static BlockHeader Block1()
    {
        var tx = TransferWithoutMemo();
        return new BlockHeader(
            ChainId,
            Height: 1,
            PreviousHash: Genesis().Hash(),
            TimeUnixMs: GenesisTimeUnixMs + 1000,
            TransactionsRoot: FinalizedBlock.TransactionsRoot([tx]),
            ReceiptsRoot: FinalizedBlock.ReceiptsRoot([SuccessReceipt(tx)]),
            StateRoot: PlaceholderStateRoot,
            ValidatorSetHash: SingleValidatorSet().Hash,
            NextValidatorSetHash: ThreeValidatorSet().Hash,
            LastCertificateHash: Hash32.Zero,
            Proposer: AddressOf(1),
            TransactionCount: 1,
            ChunksRoot: ChunkHeader.Root(ChunkLayout.Headers(1, [tx], [], [])));
    }

    /// <summary>An empty block 2 under the three-validator set.</summary>
    public static BlockHeader Block2() => new(
        ChainId,
        Height: 2,
        PreviousHash: Block1().Hash(),
        TimeUnixMs: GenesisTimeUnixMs + 2000,
        TransactionsRoot: FinalizedBlock.TransactionsRoot([]),
        ReceiptsRoot: FinalizedBlock.ReceiptsRoot([]),
        StateRoot: PlaceholderStateRoot,
        ValidatorSetHash: ThreeValidatorSet().Hash,
        NextValidatorSetHash: ThreeValidatorSet().Hash,
        LastCertificateHash: Block1Certificate().Hash(),
        Proposer: AddressOf(2),
        TransactionCount: 0,
        ChunksRoot: ChunkHeader.Root(ChunkLayout.Headers(1, [], [], [])));

    /// <summary>A certificate over <paramref name="header"/> signed by the validators with the given seeds.</summary>
    public static QuorumCertificate Certify(BlockHeader header, uint round, ValidatorSet set, params byte[] seeds)
    {
        var hash = header.Hash();
        var message = new Vote(VoteKind.Precommit, header.ChainId, header.Height, round, hash).SigningBytes();
        var signatures = new List<CommitSignature>();
        foreach (var seed in seeds)
        {
            using var key = Key(seed);
            signatures.Add(new CommitSignature((uint)set.IndexOf(key.PublicKey), key.Sign(message)));
        }

        return new QuorumCertificate(header.Height, round, hash, [.. signatures.OrderBy(s => s.ValidatorIndex)]);
    }

    /// <summary>Block 1's certificate: the genesis validator alone, round 0. Block 2 carries it as its parent certificate.</summary>
    public static QuorumCertificate Block1Certificate() => Certify(Block1(), 0, SingleValidatorSet(), 1);

    /// <summary>Block 2's certificate: seeds 0x01 and 0x02 (powers 30 and 20 of 60), round 1.</summary>
    public static QuorumCertificate Block2Certificate() => Certify(Block2(), 1, ThreeValidatorSet(), 1, 2);

    public static FinalizedBlock FinalizedBlock1()
    {
        var tx = TransferWithoutMemo();
        return new FinalizedBlock(Block1(), Block1Certificate(), null, [tx], [SuccessReceipt(tx)]) { Chunks = ChunkLayout.Headers(1, [tx], [], []) };
    }

    /// <summary>Block 2 as stored: its own certificate, block 1's certificate as its parent certificate, no transactions.</summary>
    public static FinalizedBlock FinalizedBlock2() => new(Block2(), Block2Certificate(), Block1Certificate(), [], []) { Chunks = ChunkLayout.Headers(1, [], [], []) };

    /// <summary>Block 1 as proposed: no parent certificate (its parent is the genesis), one transfer.</summary>
    public static Block ProposedBlock1() => FinalizedBlock1().ToBlock();

    /// <summary>Block 2 as proposed: block 1's certificate, no transactions.</summary>
    public static Block ProposedBlock2() => FinalizedBlock2().ToBlock();
}
