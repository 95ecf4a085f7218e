using Chain.Core.Execution;
using Chain.Core.State;
using Chain.Protocol.Blocks;
using Chain.Protocol.Transactions;

namespace Chain.Core.Blocks;

/// <summary>A block ready for votes: its header, body, and the state writes that committing it makes.</summary>
public sealed record ProposedBlock(
    BlockHeader Header,
    QuorumCertificate? LastCertificate,
    IReadOnlyList<SignedTransaction> Transactions,
    IReadOnlyList<Receipt> Receipts,
    IReadOnlyList<StateChange> Changes,
    TreeUpdate Tree,
    IReadOnlyList<RejectedTransaction> Rejected)
{
    public Block ToBlock() => new(Header, LastCertificate, Transactions);

    public FinalizedBlock Finalize(QuorumCertificate certificate) => new(Header, certificate, LastCertificate, Transactions, Receipts);
}
