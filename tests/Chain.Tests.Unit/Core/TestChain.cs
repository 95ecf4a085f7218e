using Chain.Core.Blocks;
using Chain.Core.Execution;
using Chain.Core.Staking;
using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;
using Chain.Protocol.Genesis;
using Chain.Protocol.Proofs;
using Chain.Protocol.Sharding;
using Chain.Protocol.Transactions;

namespace Chain.Tests.Unit.Core;

/// <summary>
/// A chain of funded test accounts over a <see cref="MemoryLedger"/>, with genesis validators whose keys it
/// holds: <see cref="Commit"/> has them sign the block's certificate, which the next block carries.
/// </summary>
internal sealed class TestChain
{
    public const string Id = "test-chain";

    private readonly Dictionary<PublicKey, KeyPair> _keys = [];
    private readonly Dictionary<Address, ulong> _nextNonce = [];

    public TestChain(
        int accounts,
        ulong balance,
        int validators = 1,
        ulong power = 10,
        StakingParameters? staking = null,
        IReadOnlyList<ulong>? powers = null,
        ulong validatorBalance = 0,
        ushort shards = 1,
        ulong receiptTimeout = 1_000)
    {
        Keys = [.. Enumerable.Range(0, accounts).Select(i => KeyPair.FromSeed(Enumerable.Repeat((byte)(i + 1), 32).ToArray()))];
        ValidatorKeys = [.. Enumerable.Range(0, validators).Select(i => KeyPair.FromSeed(Enumerable.Repeat((byte)(200 + i), 32).ToArray()))];
        foreach (var key in Keys.Concat(ValidatorKeys))
        {
            _keys[key.PublicKey] = key;
        }

        Validators = new ValidatorSet(ValidatorKeys.Select((k, i) => new Validator(k.PublicKey, powers?[i] ?? power)));
        Parameters = new ChainParameters(1, 1000) { Staking = staking ?? StakingParameters.Default, ShardCount = shards, ReceiptTimeoutHeights = receiptTimeout };
        var funded = Keys.Select(k => new GenesisAccount(k.Address, balance))
            .Concat(validatorBalance == 0 ? [] : ValidatorKeys.Select(k => new GenesisAccount(k.Address, validatorBalance)));
        Genesis = new GenesisDocument(Id, 1_000, Parameters, Validators, [.. funded.OrderBy(a => a.Address)]);
        Ledger.Commit(GenesisState.Changes(Genesis));
        Head = GenesisState.Head(Genesis, Ledger.Root);
    }

    public KeyPair[] Keys { get; }

    public KeyPair[] ValidatorKeys { get; }

    /// <summary>The first genesis validator: the default proposer while it is in the active set.</summary>
    public KeyPair Validator => ValidatorKeys[0];

    /// <summary>The genesis set.</summary>
    public ValidatorSet Validators { get; }

    public ChainParameters Parameters { get; }

    public GenesisDocument Genesis { get; }

    public MemoryLedger Ledger { get; } = new();

    public ChainHead Head { get; private set; }

    public QuorumCertificate? LastCertificate { get; private set; }

    public ValidatorSet ActiveSet => StakingQueries.ActiveSet(Ledger);

    /// <summary>The contract host blocks run with (proposing and verifying); null: a contract transaction throws.</summary>
    public IContractHost? Contracts { get; init; }

    /// <summary>More accounts <see cref="CountedSupply"/> counts (contracts, which no key signs for).</summary>
    public List<Address> TrackedAccounts { get; } = [];

    /// <summary>Every address a test can sign for: accounts and validators.</summary>
    public IEnumerable<Address> Addresses => Keys.Concat(ValidatorKeys).Select(k => k.Address);

    public AccountState Account(Address address)
    {
        var bytes = Ledger.Get(StateKeys.Account(address));
        return bytes is null ? AccountState.Empty : AccountState.Decode(bytes);
    }

    /// <summary>What the state actually holds: every known balance plus every validator's pools.</summary>
    public ulong CountedSupply() => StakingQueries.CountedSupply(Ledger, Addresses.Concat(TrackedAccounts));

    public ValidatorRecord? ValidatorRecord(Address address) => StakingQueries.Validator(Ledger, address);

    public SignedTransaction Transfer(int from, Address to, ulong amount, ulong nonce, ulong fee = 1) =>
        new Transaction(Id, nonce, Keys[from].PublicKey, fee, new Transfer(to, amount)).Sign(Keys[from]);

    /// <summary>A transaction from <paramref name="key"/> with the next nonce not yet handed out since the last commit.</summary>
    public SignedTransaction Tx(KeyPair key, TransactionPayload payload, ulong fee = 1)
    {
        var nonce = _nextNonce.TryGetValue(key.Address, out var next) ? next : Account(key.Address).Nonce;
        _nextNonce[key.Address] = nonce + 1;
        return new Transaction(Id, nonce, key.PublicKey, fee, payload).Sign(key);
    }

    /// <summary>Proposes on the head; the proposer defaults to <see cref="Validator"/>, or else the first active member whose key is known.</summary>
    public ProposedBlock Propose(IEnumerable<SignedTransaction> candidates, KeyPair? proposer = null) =>
        Propose(candidates, [], new ExecutionOptions(), proposer);

    /// <summary>Proposes with candidate incoming cross-shard receipts and explicit execution options.</summary>
    public ProposedBlock Propose(IEnumerable<SignedTransaction> candidates, IReadOnlyList<IncomingReceipt> incoming, ExecutionOptions options, KeyPair? proposer = null) =>
        BlockAssembler.Propose(Head, Id, Parameters, (proposer ?? DefaultProposer()).Address, Head.TimeUnixMs + 1000, LastCertificate, Ledger, Ledger.Tree, candidates, incoming,
            options.Contracts is null && Contracts is not null ? options with { Contracts = Contracts } : options);

    public (ProposedBlock? Block, string? Error) Verify(Block block, int parallelism = 1) =>
        BlockAssembler.Verify(Head, Id, Parameters, block, Ledger, Ledger.Tree, new ExecutionOptions { Parallelism = parallelism, Contracts = Contracts });

    /// <summary>Commits the block and certifies it with the keys of its set's members for which <paramref name="signs"/> holds (all by default).</summary>
    public void Commit(ProposedBlock block, Func<PublicKey, bool>? signs = null)
    {
        Ledger.Commit(block.Changes);
        Assert.Equal(block.Header.StateRoot, Ledger.Root);
        Head = new ChainHead(block.Header.Height, block.Header.Hash(), block.Header.TimeUnixMs, block.Header.StateRoot);
        LastCertificate = Certify(block.Header, block.Validators, signs);
        _nextNonce.Clear();
    }

    /// <summary>Proposes, verifies (the verifier must agree root for root) and commits one block.</summary>
    public ProposedBlock Step(IEnumerable<SignedTransaction> candidates, Func<PublicKey, bool>? signs = null, KeyPair? proposer = null)
    {
        var block = Propose(candidates, proposer);
        var (verified, error) = Verify(block.ToBlock());
        Assert.True(verified is not null, error);
        Assert.Equal(block.Header, verified.Header);
        Commit(block, signs);
        return block;
    }

    /// <summary>Empty blocks until the head reaches <paramref name="height"/>.</summary>
    public void RunTo(ulong height, Func<PublicKey, bool>? signs = null)
    {
        while (Head.Height < height)
        {
            Step([], signs);
        }
    }

    public QuorumCertificate Certify(BlockHeader header, ValidatorSet set, Func<PublicKey, bool>? signs = null) =>
        CommitSigner.Certificate(header, 0, set.Validators
            .Where(v => _keys.ContainsKey(v.PublicKey) && (signs?.Invoke(v.PublicKey) ?? true))
            .Select(v => CommitSigner.Sign(header, 0, set, _keys[v.PublicKey])));

    public KeyPair KeyOf(PublicKey key) => _keys[key];

    private KeyPair DefaultProposer()
    {
        var active = ActiveSet;
        return active.IndexOf(Validator.PublicKey) >= 0
            ? Validator
            : active.Validators.Select(v => _keys.GetValueOrDefault(v.PublicKey)).First(k => k is not null)!;
    }
}
