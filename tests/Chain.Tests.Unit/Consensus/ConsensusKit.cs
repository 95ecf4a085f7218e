using System.Text;
using Chain.Core.Consensus;
using Chain.Protocol.Blocks;
using Chain.Protocol.Consensus;
using Chain.Protocol.Crypto;

namespace Chain.Tests.Unit.Consensus;

/// <summary>Deterministic keys, validator sets, synthetic blocks and signed messages for consensus tests.</summary>
internal static class ConsensusKit
{
    public const string ChainId = "consensus-test";

    /// <summary>A block whose transaction count is this is invalid for <see cref="BlockValidator"/>.</summary>
    public const uint InvalidMarker = 13;

    private static readonly KeyPair[] Keys = [.. Enumerable.Range(0, 16).Select(i =>
        KeyPair.FromSeed(Hashing.Sha256(Encoding.ASCII.GetBytes($"consensus-test-key-{i}")).ToArray()))];

    public static Hash32 Genesis { get; } = Hashing.Sha256(Encoding.ASCII.GetBytes("consensus-test-genesis"));

    public static KeyPair Key(int i) => Keys[i];

    /// <summary>Validators with keys 0..n-1 and these powers. The set sorts them by key, so key i is not index i.</summary>
    public static ValidatorSet Set(params ulong[] powers) =>
        new(powers.Select((p, i) => new Validator(Keys[i].PublicKey, p)));

    /// <summary>The test key that holds <paramref name="setIndex"/> in <paramref name="set"/>.</summary>
    public static KeyPair KeyAt(ValidatorSet set, int setIndex) => KeyOf(set.Validators[setIndex].PublicKey);

    public static KeyPair KeyOf(PublicKey publicKey) => Keys.Single(k => k.PublicKey == publicKey);

    public static KeyPair Leader(ValidatorSet set, ulong height, uint round, Hash32? seed = null) =>
        KeyAt(set, LeaderSelection.Leader(set, seed ?? Genesis, height, round));

    /// <summary>A synthetic block: a real header, so <see cref="CertificateVerifier"/> can check its certificate.</summary>
    public static ProposalValue Block(ValidatorSet set, ulong height, uint round, int variant = 0, bool valid = true, Hash32? previous = null)
    {
        var header = new BlockHeader(
            ChainId,
            height,
            previous ?? Genesis,
            TimeUnixMs: round,
            TransactionsRoot: Hashing.Sha256(Encoding.ASCII.GetBytes($"txs/{height}/{round}/{variant}")),
            ReceiptsRoot: Hash32.Zero,
            StateRoot: Hash32.Zero,
            ValidatorSetHash: set.Hash,
            NextValidatorSetHash: set.Hash,
            LastCertificateHash: Hash32.Zero,
            Proposer: Keys[0].PublicKey.ToAddress(),
            TransactionCount: valid ? (uint)(variant == (int)InvalidMarker ? 0 : variant) : InvalidMarker);
        var bytes = header.Encode();
        return new ProposalValue(header.Hash(), bytes);
    }

    public static BlockHeader HeaderOf(ProposalValue value) => BlockHeader.Decode(value.Bytes);

    public static SignedProposal Proposal(KeyPair key, ulong height, uint round, ProposalValue value, int polRound = -1) =>
        SignedProposal.Create(ChainId, height, round, polRound, value.Hash, key);

    public static SignedVote Prevote(KeyPair key, ulong height, uint round, Hash32 hash) =>
        SignedVote.Create(new Vote(VoteKind.Prevote, ChainId, height, round, hash), key);

    public static SignedVote Precommit(KeyPair key, ulong height, uint round, Hash32 hash) =>
        SignedVote.Create(new Vote(VoteKind.Precommit, ChainId, height, round, hash), key);

    public static SignedVote Sign(KeyPair key, Vote vote) => SignedVote.Create(vote, key);
}

/// <summary>
/// Re-executes nothing: a block is valid when it decodes, is for this chain, height and set, its header hash is the
/// value's hash, and its transaction count is not <see cref="ConsensusKit.InvalidMarker"/>. Counts its calls.
/// </summary>
internal sealed class BlockValidator(ValidatorSet set) : IValueValidator
{
    public int Calls { get; private set; }

    public bool IsValid(ulong height, ProposalValue value)
    {
        Calls++;
        return Check(set, height, value);
    }

    public static bool Check(ValidatorSet set, ulong height, ProposalValue value)
    {
        BlockHeader header;
        try
        {
            header = BlockHeader.Decode(value.Bytes);
        }
        catch (Chain.Protocol.Encoding.DecodeException)
        {
            return false;
        }

        return header.Hash() == value.Hash && header.Height == height && header.ValidatorSetHash == set.Hash
            && string.Equals(header.ChainId, ConsensusKit.ChainId, StringComparison.Ordinal)
            && header.TransactionCount != ConsensusKit.InvalidMarker;
    }
}
