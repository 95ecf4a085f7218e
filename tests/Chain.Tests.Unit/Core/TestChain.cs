using Chain.Core.Blocks;
using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;
using Chain.Protocol.Genesis;
using Chain.Protocol.Proofs;
using Chain.Protocol.Transactions;

namespace Chain.Tests.Unit.Core;

/// <summary>A chain of funded test accounts over a <see cref="MemoryLedger"/>.</summary>
internal sealed class TestChain
{
    public const string Id = "test-chain";

    public TestChain(int accounts, ulong balance)
    {
        Keys = [.. Enumerable.Range(0, accounts).Select(i => KeyPair.FromSeed(Enumerable.Repeat((byte)(i + 1), 32).ToArray()))];
        Validator = KeyPair.FromSeed(Enumerable.Repeat((byte)200, 32).ToArray());
        Validators = new ValidatorSet([new Validator(Validator.PublicKey, 10)]);
        Genesis = new GenesisDocument(Id, 1_000, new ChainParameters(1, 1000), Validators,
            [.. Keys.Select(k => new GenesisAccount(k.Address, balance)).OrderBy(a => a.Address)]);
        Ledger.Commit(GenesisState.Changes(Genesis));
        Head = GenesisState.Head(Genesis, Ledger.Root);
    }

    public KeyPair[] Keys { get; }

    public KeyPair Validator { get; }

    public ValidatorSet Validators { get; }

    public GenesisDocument Genesis { get; }

    public MemoryLedger Ledger { get; } = new();

    public ChainHead Head { get; private set; }

    public AccountState Account(Address address)
    {
        var bytes = Ledger.Get(StateKeys.Account(address));
        return bytes is null ? AccountState.Empty : AccountState.Decode(bytes);
    }

    public ulong TotalSupply() =>
        Keys.Select(k => Account(k.Address).Balance).Append(Account(Validator.Address).Balance).Aggregate(0UL, (a, b) => checked(a + b));

    public SignedTransaction Transfer(int from, Address to, ulong amount, ulong nonce, ulong fee = 1) =>
        new Transaction(Id, nonce, Keys[from].PublicKey, fee, new Transfer(to, amount)).Sign(Keys[from]);

    public ProposedBlock Propose(IEnumerable<SignedTransaction> candidates) =>
        BlockAssembler.Propose(Head, Id, Genesis.Parameters, Validators, Validator.Address, Head.TimeUnixMs + 1000, null, Ledger, Ledger.Tree, candidates);

    public void Commit(ProposedBlock block)
    {
        Ledger.Commit(block.Changes);
        Assert.Equal(block.Header.StateRoot, Ledger.Root);
        Head = new ChainHead(block.Header.Height, block.Header.Hash(), block.Header.TimeUnixMs, block.Header.StateRoot);
    }
}
