using Chain.Core.State;
using Chain.Protocol.Blocks;
using Chain.Protocol.Transactions;

namespace Chain.Core.Execution;

/// <summary>
/// The outcome of executing a block: its transactions in order with their receipts, the state writes (staking
/// steps included), what the builder left out, the set that certifies the block (<see cref="Validators"/>, the
/// active set before it) and the set that certifies the next one (<see cref="NextValidators"/>).
/// </summary>
public sealed record BlockExecution(
    IReadOnlyList<SignedTransaction> Included,
    IReadOnlyList<Receipt> Receipts,
    IReadOnlyList<StateChange> Changes,
    IReadOnlyList<RejectedTransaction> Rejected,
    ValidatorSet Validators,
    ValidatorSet NextValidators);

/// <summary>A candidate the block builder left out, and why.</summary>
public sealed record RejectedTransaction(SignedTransaction Transaction, TxErrorCode Reason);
