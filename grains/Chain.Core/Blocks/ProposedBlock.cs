using Chain.Core.Execution;
using Chain.Core.Sharding;
using Chain.Core.State;
using Chain.Protocol.Blocks;
using Chain.Protocol.Sharding;
using Chain.Protocol.Transactions;

namespace Chain.Core.Blocks;

/// <summary>
/// A block ready for votes: its header, body, the state writes that committing it makes, the set that
/// certifies it (<see cref="Validators"/>; its hash is the header's ValidatorSetHash) and the set that will
/// certify the next block (<see cref="NextValidators"/>; the header's NextValidatorSetHash).
/// </summary>
public sealed record ProposedBlock(
    BlockHeader Header,
    QuorumCertificate? LastCertificate,
    IReadOnlyList<SignedTransaction> Transactions,
    IReadOnlyList<Receipt> Receipts,
    IReadOnlyList<StateChange> Changes,
    TreeUpdate Tree,
    IReadOnlyList<RejectedTransaction> Rejected,
    ValidatorSet Validators,
    ValidatorSet NextValidators)
{
    /// <summary>Cross-shard receipts applied (grouped by destination shard) and what each did, receipts sent, and the chunk headers.</summary>
    public IReadOnlyList<IncomingReceipt> Incoming { get; init; } = [];

    public IReadOnlyList<IncomingOutcome> IncomingOutcomes { get; init; } = [];

    public IReadOnlyList<ShardReceipt> Outgoing { get; init; } = [];

    public IReadOnlyList<ChunkHeader> Chunks { get; init; } = [];

    /// <summary>Build mode: candidate incoming receipts left out, and why.</summary>
    public IReadOnlyList<(IncomingReceipt Receipt, IncomingProblem Problem)> DroppedIncoming { get; init; } = [];

    public Block ToBlock() => new(Header, LastCertificate, Transactions) { Incoming = Incoming };

    public FinalizedBlock Finalize(QuorumCertificate certificate) =>
        new(Header, certificate, LastCertificate, Transactions, Receipts) { Incoming = Incoming, Outgoing = Outgoing, Chunks = Chunks };
}
