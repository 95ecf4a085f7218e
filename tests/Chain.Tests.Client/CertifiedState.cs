using Chain.GrainInterfaces;
using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;
using Chain.Protocol.Genesis;
using Chain.Protocol.Proofs;

namespace Chain.Tests.Client;

/// <summary>
/// A one-validator chain built locally: a state tree holding one account, a header over its root, and a
/// real precommit certificate. Tests take an honest <see cref="AccountResult"/> from it and tamper with one part.
/// </summary>
internal sealed class CertifiedState : IDisposable
{
    public const string ChainId = "testnet";
    public const ulong Height = 7;
    public const ulong Power = 10;

    public CertifiedState()
    {
        Validators = new ValidatorSet([new Validator(Validator.PublicKey, Power)]);
        Genesis = new GenesisDocument(ChainId, 0, ChainParameters.Default, Validators, [new GenesisAccount(Owner.Address, 1_000)]);
        Header = HeaderOver(RootHolding(Owner.Address, State));
        Certificate = Certify(Header, Validator);
    }

    public KeyPair Validator { get; } = KeyPair.Generate();

    public KeyPair Owner { get; } = KeyPair.Generate();

    public AccountState State { get; } = new(Balance: 1_000, Nonce: 3);

    public ValidatorSet Validators { get; }

    public GenesisDocument Genesis { get; }

    public BlockHeader Header { get; }

    public QuorumCertificate Certificate { get; }

    /// <summary>The proof of the owner's account: the tree has one leaf, so the leaf is the root and there are no siblings.</summary>
    public StateProof Proof => new(StateKeys.Account(Owner.Address), State.Encode(), null, []);

    /// <summary>What an honest node answers for the owner's account.</summary>
    public AccountResult HonestAnswer() => Answer(Owner.Address, State, Header, Certificate, Validators, Proof);

    public static Hash32 RootHolding(Address address, AccountState state) =>
        SparseMerkle.LeafHash(SparseMerkle.KeyHash(StateKeys.Account(address)), SparseMerkle.ValueHash(state.Encode()));

    public BlockHeader HeaderOver(Hash32 stateRoot, ulong height = Height) =>
        new(ChainId, height, Hash32.Zero, 1_700_000_000_000, Hashing.Sha256([]), Hashing.Sha256([]), stateRoot, Validators.Hash, Validators.Hash, Hash32.Zero, Validator.Address, 0);

    public static QuorumCertificate Certify(BlockHeader header, KeyPair signer, uint index = 0)
    {
        var vote = new Vote(VoteKind.Precommit, header.ChainId, header.Height, 0, header.Hash());
        return new QuorumCertificate(header.Height, 0, header.Hash(), [new CommitSignature(index, signer.Sign(vote.SigningBytes()))]);
    }

    public static AccountResult Answer(
        Address address, AccountState claimed, BlockHeader header, QuorumCertificate certificate, ValidatorSet validators, StateProof proof) =>
        new(address.ToArray(), claimed.Balance, claimed.Nonce, header.Height, header.Encode(), certificate.Encode(), validators.Encode(), proof.Encode());

    public void Dispose()
    {
        Validator.Dispose();
        Owner.Dispose();
    }
}
