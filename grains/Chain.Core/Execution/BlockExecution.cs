using Chain.Core.State;
using Chain.Protocol.Blocks;
using Chain.Core.Sharding;
using Chain.Protocol.Sharding;
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
    ValidatorSet NextValidators)
{
    /// <summary>The cross-shard receipts the block applied, grouped by destination shard, and what each did.</summary>
    public IReadOnlyList<IncomingReceipt> Incoming { get; init; } = [];

    public IReadOnlyList<IncomingOutcome> IncomingOutcomes { get; init; } = [];

    /// <summary>Build mode: candidate incoming receipts left out, and why (replays and forgeries among them).</summary>
    public IReadOnlyList<(IncomingReceipt Receipt, IncomingProblem Problem)> DroppedIncoming { get; init; } = [];

    /// <summary>The cross-shard receipts the block sent, by source shard, destination shard and sequence.</summary>
    public IReadOnlyList<ShardReceipt> Outgoing { get; init; } = [];
}

/// <summary>A candidate the block builder left out, and why.</summary>
public sealed record RejectedTransaction(SignedTransaction Transaction, TxErrorCode Reason);
