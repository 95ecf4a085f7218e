using Chain.Protocol;
using Chain.Protocol.Blocks;
using Chain.Protocol.Consensus;
using Chain.Protocol.Crypto;
using Chain.Protocol.Genesis;
using Chain.Protocol.Proofs;
using Chain.Protocol.Sharding;
using Chain.Protocol.Transactions;
using CsCheck;
using Delegate = Chain.Protocol.Transactions.Delegate;

namespace Chain.Tests.Unit.Protocol;

/// <summary>
/// CsCheck generators for every encodable protocol value, within the limits the decoders enforce.
/// Fields are declared in dependency order: a static field may only use the ones above it.
/// </summary>
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

    /// <summary>Rounds: mostly small, sometimes anywhere up to 2^32 − 1.</summary>
    public static readonly Gen<uint> Round = Gen.Frequency((3, Gen.UInt[0, 8]), (1, Gen.UInt));

    /// <summary>Block hashes of votes: a nil vote (the zero hash) now and then.</summary>
    public static readonly Gen<Hash32> VoteHash = Gen.Frequency((4, Hash), (1, Gen.Const(Hash32.Zero)));

    public static readonly Gen<Vote> Vote = Gen.Select(
        Gen.Enum<VoteKind>(), AnyChainId, Gen.ULong, Round, VoteHash,
        (kind, chain, height, round, hash) => new Vote(kind, chain, height, round, hash));

    /// <summary>Signed votes with arbitrary signature bytes: decoding does not check signatures.</summary>
    public static readonly Gen<SignedVote> SignedVote = Gen.Select(Vote, PublicKey, Signature, (vote, key, signature) => new SignedVote(vote, key, signature));

    /// <summary>Any pair of votes: decoding takes whatever two votes it is given; <see cref="DuplicateVoteEvidence.Check"/> judges them.</summary>
    public static readonly Gen<DuplicateVoteEvidence> Evidence = Gen.Select(SignedVote, SignedVote, (a, b) => new DuplicateVoteEvidence(a, b));

    /// <summary>Proposals whose polRound is -1 or an earlier round that fits in 31 bits, as the decoder requires.</summary>
    public static readonly Gen<SignedProposal> SignedProposal = Gen.Select(
        AnyChainId, Gen.ULong, Round, Gen.Int[-1, int.MaxValue], Hash, PublicKey, Signature,
        (chain, height, round, pol, hash, key, signature) =>
        {
            var polRound = pol < 0 || round == 0 ? -1 : (int)((uint)pol % Math.Min(round, (uint)int.MaxValue + 1));
            return new SignedProposal(chain, height, round, polRound, hash, key, signature);
        });

    public static readonly Gen<Transfer> Transfer =
        Gen.Select(Address, Gen.ULong, Gen.Byte.Array[0, ProtocolLimits.MaxMemoBytes], (to, amount, memo) => new Transfer(to, amount, memo));

    /// <summary>Every payload kind, transfers as often as all staking kinds together.</summary>
    public static readonly Gen<TransactionPayload> Payload = Gen.Frequency(
        (6, Transfer.Select(t => (TransactionPayload)t)),
        (1, Gen.ULong.Select(a => (TransactionPayload)new Bond(a))),
        (1, Gen.Select(Address, Gen.ULong, (v, a) => (TransactionPayload)new Delegate(v, a))),
        (1, Gen.Select(Address, Gen.ULong, (v, a) => (TransactionPayload)new Unbond(v, a))),
        (1, Address.Select(v => (TransactionPayload)new Withdraw(v))),
        (1, Evidence.Select(e => (TransactionPayload)new ReportEquivocation(e))),
        (1, Gen.Const((TransactionPayload)new Unjail())),
        (1, Gen.Select(Gen.Byte.Array[0, 64], Gen.Byte.Array[0, 16], Gen.Bool, Address, Gen.ULong, (code, args, hasAdmin, admin, gas) => (TransactionPayload)new Deploy(code, args, hasAdmin ? admin : null, gas))),
        (1, Gen.Select(Address, Gen.String[Gen.Char["abc_019XYZ"], 0, 64], Gen.Byte.Array[0, 16], Gen.ULong, Gen.ULong, (c, m, a, v, g) => (TransactionPayload)new Call(c, m, a, v, g))),
        (1, Gen.Select(Address, Gen.Byte.Array[0, 64], Gen.ULong, (c, code, g) => (TransactionPayload)new Upgrade(c, code, g))));

    public static readonly Gen<Transaction> Transaction =
        Gen.Select(AnyChainId, Gen.ULong, PublicKey, Gen.ULong, Payload, (chain, nonce, sender, fee, payload) => new Transaction(chain, nonce, sender, fee, payload));

    /// <summary>Signed transactions with arbitrary signature bytes: decoding does not check signatures.</summary>
    public static readonly Gen<SignedTransaction> SignedTransaction =
        Gen.Select(Transaction, Signature, (body, signature) => new SignedTransaction(body, signature));

    public static readonly Gen<BlockHeader> Header = Gen.Select(
        Gen.Select(AnyChainId, Gen.ULong, Hash, Gen.Long, Hash, Hash, Hash),
        Gen.Select(Hash, Hash, Hash, Address, Gen.UInt, Hash),
        (a, b) => new BlockHeader(a.Item1, a.Item2, a.Item3, a.Item4, a.Item5, a.Item6, a.Item7, b.Item1, b.Item2, b.Item3, b.Item4, b.Item5, b.Item6));

    /// <summary>Shards below <see cref="ProtocolLimits.MaxShards"/> mostly, any u16 now and then: the codec does not judge shard numbers.</summary>
    public static readonly Gen<ushort> Shard = Gen.Frequency((4, Gen.UShort[0, ProtocolLimits.MaxShards - 1]), (1, Gen.UShort));

    private static readonly Gen<string> MethodName = Gen.Char[' ', '~'].Array[0, ContractLimits.MaxMethodLength].Select(c => new string(c));

    /// <summary>A call's or callback's message as its kind allows (a call has status 0, a callback no callback of its own).</summary>
    private static readonly Gen<ContractMessage> CallMessage = Gen.Select(MethodName, Gen.ULong, MethodName, Gen.ULong, Gen.Byte.Array[0, 300])
        .Select((m, g, cb, cg, data) => new ContractMessage(m, g, cb, cg, ReceiptStatus.Success, data));

    private static readonly Gen<ContractMessage> CallbackMessage = Gen.Select(MethodName, Gen.ULong, Gen.Enum<ReceiptStatus>(), Gen.Byte.Array[0, 300])
        .Select((m, g, status, data) => new ContractMessage(m, g, string.Empty, 0, status, data));

    public static readonly Gen<ShardReceipt> ShardReceipt = Gen.Select(
        Gen.Select(Gen.Enum<ShardReceiptKind>(), Shard, Shard, Gen.ULong, Gen.ULong),
        Gen.Select(Hash, Address, Address, Gen.ULong),
        Gen.Select(CallMessage, CallbackMessage),
        (a, b, m) => new ShardReceipt(a.Item1, a.Item2, a.Item3, a.Item4, a.Item5, b.Item1, b.Item2, b.Item3, b.Item4)
        {
            Message = a.Item1 switch { ShardReceiptKind.Call => m.Item1, ShardReceiptKind.Callback => m.Item2, _ => null },
        });

    /// <summary>Any encodable incoming receipt, proofs that do not verify included: the codec does not judge proofs.</summary>
    public static readonly Gen<IncomingReceipt> IncomingReceipt = Gen.Select(
        ShardReceipt, Gen.UInt, Gen.UInt, Hash.Array[0, ProtocolLimits.MaxAuditPath],
        (receipt, index, count, path) => new IncomingReceipt(receipt, index, count, path));

    public static readonly Gen<ChunkHeader> ChunkHeader = Gen.Select(
        Gen.Select(Shard, Gen.UInt, Hash, Gen.UInt),
        Gen.Select(Hash, Gen.UInt, Hash),
        (a, b) => new ChunkHeader(a.Item1, a.Item2, a.Item3, a.Item4, b.Item1, b.Item2, b.Item3));

    public static readonly Gen<CommitSignature[]> CommitSignatures =
        Gen.Select(Gen.UInt.Array[0, 12], Signature.Array[12], (indices, sigs) =>
            indices.Distinct().Order().Select((index, i) => new CommitSignature(index, sigs[i])).ToArray());

    public static readonly Gen<QuorumCertificate> Certificate =
        Gen.Select(Gen.ULong, Gen.UInt, Hash, CommitSignatures, (height, round, hash, sigs) => new QuorumCertificate(height, round, hash, sigs));

    /// <summary>A parent certificate, or none (as at height 1).</summary>
    public static readonly Gen<QuorumCertificate?> LastCertificate = Gen.Frequency(
        (2, Certificate.Select(c => (QuorumCertificate?)c)),
        (1, Gen.Const((QuorumCertificate?)null)));

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

    /// <summary>Blocks as proposed; the body need not match the header: the codec does not judge bodies.</summary>
    public static readonly Gen<Block> Block = Gen.Select(
        Header, LastCertificate, SignedTransaction.Array[0, 4], IncomingReceipt.Array[0, 3],
        (header, last, txs, incoming) => new Block(header, last, txs) { Incoming = incoming });

    /// <summary>Finalized blocks with 1..4 chunk headers (a decoder rejects none, or more than 64); bodies need not match headers.</summary>
    public static readonly Gen<FinalizedBlock> FinalizedBlock = Gen.Select(
        Gen.Select(Header, Certificate, LastCertificate, Gen.Select(SignedTransaction, Receipt).Array[0, 4]),
        Gen.Select(IncomingReceipt.Array[0, 3], ShardReceipt.Array[0, 3], ChunkHeader.Array[1, 4]),
        (a, b) => new FinalizedBlock(a.Item1, a.Item2, a.Item3, [.. a.Item4.Select(i => i.Item1)], [.. a.Item4.Select(i => WithContractSection(i.Item1, i.Item2))])
        {
            Incoming = b.Item1,
            Outgoing = b.Item2,
            Chunks = b.Item3,
        });

    /// <summary>A contract payload's receipt carries a contract section, any other none (docs/protocol.md §5.6).</summary>
    private static Receipt WithContractSection(SignedTransaction tx, Receipt receipt) =>
        tx.Body.Payload is IContractPayload
            ? receipt with { Contract = new ContractOutcome(receipt.FeeCharged, [1, 2], "m"u8.ToArray(), [new ContractEvent(tx.Body.SenderAddress, "t"u8.ToArray(), [3])]) }
            : receipt;

    /// <summary>Proposal messages carry the encoding of a block or any bytes (the message does not decode its block); vote messages a vote.</summary>
    public static readonly Gen<ConsensusMessage> ConsensusMessage = Gen.Frequency(
        (1, Gen.Select(SignedProposal, Block.Select(b => b.Encode()), (p, b) => (ConsensusMessage)new ProposalMessage(p, b))),
        (1, Gen.Select(SignedProposal, Gen.Byte.Array[0, 64], (p, b) => (ConsensusMessage)new ProposalMessage(p, b))),
        (2, SignedVote.Select(v => (ConsensusMessage)new VoteMessage(v))));

    /// <summary>Staking rules that <see cref="StakingParameters.Validate"/> accepts.</summary>
    public static readonly Gen<StakingParameters> Staking = Gen.Select(
        Gen.ULong[1, ulong.MaxValue], Gen.ULong[1, ulong.MaxValue], Gen.UInt[1, (uint)ProtocolLimits.MaxValidators], Gen.ULong, Gen.ULong,
        Gen.UInt[0, 10_000].Array[3], Gen.UInt[1, StakingParameters.MaxDowntimeWindow], Gen.UInt, Gen.ULong,
        (epoch, unbonding, maxValidators, minSelfBond, reward, bps, window, missed, jail) => new StakingParameters(
            epoch, unbonding, maxValidators, minSelfBond, reward, bps[0], bps[1], window, 1 + (missed % window), jail, bps[2]));

    public static readonly Gen<GenesisDocument> Genesis = Gen.Select(
        Gen.Select(ValidChainId, Gen.Long, Gen.ULong, Gen.UInt[1, ProtocolLimits.MaxTransactionsPerBlock], ValidatorSet, Staking),
        Gen.Select(Address, Gen.ULong[0, 1UL << 50]).Array[0, 12],
        Gen.Select(Gen.UShort[1, ProtocolLimits.MaxShards], Gen.ULong[1, ulong.MaxValue]),
        (a, accounts, sharding) => new GenesisDocument(
            a.Item1,
            a.Item2,
            new ChainParameters(a.Item3, a.Item4)
            {
                Staking = a.Item6 with { MaxValidators = Math.Max(a.Item6.MaxValidators, (uint)a.Item5.Count) },
                ShardCount = sharding.Item1,
                ReceiptTimeoutHeights = sharding.Item2,
            },
            a.Item5,
            [.. accounts.DistinctBy(x => x.Item1).OrderBy(x => x.Item1).Select(x => new GenesisAccount(x.Item1, x.Item2))]));

    public static readonly Gen<AccountState> AccountState = Gen.Select(Gen.ULong, Gen.ULong, (b, n) => new AccountState(b, n));
}
