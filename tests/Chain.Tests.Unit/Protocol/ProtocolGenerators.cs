using Chain.Protocol;
using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;
using Chain.Protocol.Genesis;
using Chain.Protocol.Proofs;
using Chain.Protocol.Transactions;
using CsCheck;

namespace Chain.Tests.Unit.Protocol;

/// <summary>CsCheck generators for every encodable protocol value, within the limits the decoders enforce.</summary>
internal static class ProtocolGenerators
{
    public static readonly Gen<Hash32> Hash = Gen.Byte.Array[32].Select(b => new Hash32(b));
    public static readonly Gen<Address> Address = Gen.Byte.Array[20].Select(b => new Address(b));
    public static readonly Gen<PublicKey> PublicKey = Gen.Byte.Array[32].Select(b => new PublicKey(b));
    public static readonly Gen<Signature> Signature = Gen.Byte.Array[64].Select(b => new Signature(b));

    /// <summary>Any string the decoders accept: up to 32 printable ASCII characters.</summary>
    public static readonly Gen<string> AnyChainId = Gen.Char[' ', '~'].Array[0, ProtocolLimits.MaxChainIdLength].Select(c => new string(c));

    /// <summary>A chain id a genesis accepts: 1..32 of [a-z0-9-].</summary>
    public static readonly Gen<string> ValidChainId = Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789-"].Array[1, ProtocolLimits.MaxChainIdLength].Select(c => new string(c));

    public static readonly Gen<Transfer> Transfer =
        Gen.Select(Address, Gen.ULong, Gen.Byte.Array[0, ProtocolLimits.MaxMemoBytes], (to, amount, memo) => new Transfer(to, amount, memo));

    public static readonly Gen<Transaction> Transaction =
        Gen.Select(AnyChainId, Gen.ULong, PublicKey, Gen.ULong, Transfer, (chain, nonce, sender, fee, payload) => new Transaction(chain, nonce, sender, fee, payload));

    /// <summary>Signed transactions with arbitrary signature bytes: decoding does not check signatures.</summary>
    public static readonly Gen<SignedTransaction> SignedTransaction =
        Gen.Select(Transaction, Signature, (body, signature) => new SignedTransaction(body, signature));

    public static readonly Gen<BlockHeader> Header = Gen.Select(
        AnyChainId, Gen.ULong, Hash, Gen.Long, Hash, Hash, Hash, Hash, Address, Gen.UInt,
        (chain, height, previous, time, txRoot, receiptsRoot, stateRoot, setHash, proposer, count) =>
            new BlockHeader(chain, height, previous, time, txRoot, receiptsRoot, stateRoot, setHash, Hashing.Sha256(setHash.ToArray()), receiptsRoot, proposer, count));

    public static readonly Gen<CommitSignature[]> CommitSignatures =
        Gen.Select(Gen.UInt.Array[0, 12], Signature.Array[12], (indices, sigs) =>
            indices.Distinct().Order().Select((index, i) => new CommitSignature(index, sigs[i])).ToArray());

    public static readonly Gen<QuorumCertificate> Certificate =
        Gen.Select(Gen.ULong, Gen.UInt, Hash, CommitSignatures, (height, round, hash, sigs) => new QuorumCertificate(height, round, hash, sigs));

    public static readonly Gen<Receipt> Receipt =
        Gen.Select(Hash, Gen.Enum<ReceiptStatus>(), Gen.ULong, (hash, status, fee) => new Receipt(hash, status, fee));

    public static readonly Gen<ValidatorSet> ValidatorSet =
        Gen.Select(PublicKey, Gen.ULong[1, 1UL << 50]).Array[1, 12].Select(vs =>
            new ValidatorSet(vs.DistinctBy(v => v.Item1).Select(v => new Validator(v.Item1, v.Item2))));

    public static readonly Gen<OtherLeaf?> OtherLeaf = Gen.Frequency(
        (1, Gen.Select(Hash, Hash, (k, v) => (OtherLeaf?)new OtherLeaf(k, v))),
        (1, Gen.Const((OtherLeaf?)null)));

    public static readonly Gen<byte[]?> StateValue = Gen.Frequency(
        (1, Gen.Byte.Array[0, 64].Select(v => (byte[]?)v)),
        (1, Gen.Const((byte[]?)null)));

    /// <summary>Any encodable proof, including ones that will not verify: the codec does not judge proofs.</summary>
    public static readonly Gen<StateProof> StateProof = Gen.Select(
        Gen.Byte.Array[0, ProtocolLimits.MaxStateKeyBytes], StateValue, OtherLeaf, Hash.Array[0, 40],
        (key, value, other, siblings) => new StateProof(key, value, other, siblings));

    public static readonly Gen<FinalizedBlock> FinalizedBlock = Gen.Select(
        Header, Certificate, Gen.Select(SignedTransaction, Receipt).Array[0, 4],
        (header, qc, items) => new FinalizedBlock(header, qc, null, [.. items.Select(i => i.Item1)], [.. items.Select(i => i.Item2)]));

    public static readonly Gen<GenesisDocument> Genesis = Gen.Select(
        ValidChainId, Gen.Long, Gen.ULong, Gen.UInt[1, ProtocolLimits.MaxTransactionsPerBlock], ValidatorSet,
        Gen.Select(Address, Gen.ULong[0, 1UL << 50]).Array[0, 12],
        (chain, time, minFee, maxTx, validators, accounts) => new GenesisDocument(
            chain, time, new ChainParameters(minFee, maxTx), validators,
            [.. accounts.DistinctBy(a => a.Item1).OrderBy(a => a.Item1).Select(a => new GenesisAccount(a.Item1, a.Item2))]));

    public static readonly Gen<AccountState> AccountState = Gen.Select(Gen.ULong, Gen.ULong, (b, n) => new AccountState(b, n));
}
