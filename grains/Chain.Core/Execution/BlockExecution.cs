using Chain.Core.State;
using Chain.Protocol.Blocks;
using Chain.Protocol.Transactions;

namespace Chain.Core.Execution;

/// <summary>The outcome of executing a block's transactions in order.</summary>
public sealed record BlockExecution(
    IReadOnlyList<SignedTransaction> Included,
    IReadOnlyList<Receipt> Receipts,
    IReadOnlyList<StateChange> Changes,
    IReadOnlyList<RejectedTransaction> Rejected);

/// <summary>A candidate the block builder left out, and why.</summary>
public sealed record RejectedTransaction(SignedTransaction Transaction, TxErrorCode Reason);
