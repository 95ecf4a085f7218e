using Chain.Core.Execution;
using Chain.Core.State;
using Chain.Protocol.Blocks;
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
    public Block ToBlock() => new(Header, LastCertificate, Transactions);

    public FinalizedBlock Finalize(QuorumCertificate certificate) => new(Header, certificate, LastCertificate, Transactions, Receipts);
}
