using Chain.Core.Execution;
using Chain.Core.State;
using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;
using Chain.Protocol.Proofs;
using Chain.Protocol.Sharding;
using Chain.Protocol.Transactions;

namespace Chain.Core.Sharding;

/// <summary>
/// The cross-shard transfer rules (docs/protocol.md §13). A transfer whose recipient lives on another shard debits the sender
/// and sends a <see cref="ShardReceipt"/>; the destination applies receipts of each (source, destination) pair strictly in
/// sequence order, each exactly once, at a later height, after checking its proof against the outgoing root the source chunk
/// left in state. A credit that cannot apply (timed out, or it would overflow) sends a refund receipt back; a refund always
/// applies (the refunded amount was part of the sender's balance, and no balance can exceed the total supply).
/// Value in flight is the sum of receipts sent and not yet applied: balances + stake + in flight is the total supply.
/// </summary>
public static class CrossShard
{
    public static bool IsCrossShard(BlockContext context, Address from, Address to) =>
        context.Parameters.ShardCount > 1 && ShardMap.ShardOf(from, context.Parameters.ShardCount) != ShardMap.ShardOf(to, context.Parameters.ShardCount);

    /// <summary>A cross-shard transfer's source leg: debit the sender and send a credit receipt.</summary>
    public static ReceiptStatus Send(IStateView state, BlockContext context, Hash32 origin, Address from, Transfer transfer)
    {
        var sender = state.GetAccount(from);
        if (sender.Balance < transfer.Amount)
        {
            return ReceiptStatus.InsufficientBalance;
        }

        state.SetAccount(from, sender with { Balance = sender.Balance - transfer.Amount });
        var shards = context.Parameters.ShardCount;
        Emit(state, new ShardReceipt(ShardReceiptKind.Credit, ShardMap.ShardOf(from, shards), ShardMap.ShardOf(transfer.To, shards), 0, context.Height, origin, from, transfer.To, transfer.Amount));
        return ReceiptStatus.Success;
    }

    /// <summary>
    /// Checks an incoming receipt for the chunk of <paramref name="lane"/> against state (the outgoing roots and this
    /// destination's next expected sequence on the receipt's channel): a bounded cost, one state read and one audit path of at
    /// most 32 hashes. Transfer receipts are applied by their destination's lane, contract receipts (which run contracts) by
    /// lane 0, the metashard (§13.5).
    /// </summary>
    public static IncomingProblem Check(IStateReader state, ushort shardCount, ushort lane, IncomingReceipt entry)
    {
        var receipt = entry.Receipt;
        if (receipt.Source >= shardCount || receipt.Destination >= shardCount || receipt.Source == receipt.Destination)
        {
            return IncomingProblem.BadShard;
        }

        if (LaneOf(receipt) != lane)
        {
            return IncomingProblem.WrongDestination;
        }

        var expected = CrossShardKeys.ReadCounter(state.Get(CrossShardKeys.NextInbound(receipt.Destination, receipt.Source, receipt.Channel)));
        if (receipt.Sequence < expected)
        {
            return IncomingProblem.Replayed;
        }

        if (receipt.Sequence > expected)
        {
            return IncomingProblem.OutOfOrder;
        }

        if (CrossShardKeys.ReadRootRecord(state.Get(StateKeys.OutgoingRoot(receipt.Source, receipt.SourceHeight))) is not { } chunk)
        {
            return IncomingProblem.UnknownSourceChunk;
        }

        return entry.Verifies(chunk.Root, chunk.Count) ? IncomingProblem.None : IncomingProblem.BadProof;
    }

    /// <summary>The lane that applies <paramref name="receipt"/>: its destination's for a transfer receipt, 0 for a contract receipt.</summary>
    public static ushort LaneOf(ShardReceipt receipt) => receipt.IsContract ? (ushort)0 : receipt.Destination;

    /// <summary>
    /// Applies a receipt that <see cref="Check"/> accepted: advances the destination's sequence on the receipt's channel, then
    /// credits or refunds (transfers), or runs the call or callback (<see cref="ContractReceipts.Apply"/>).
    /// </summary>
    public static IncomingOutcome Apply(IStateView state, BlockContext context, ShardReceipt receipt)
    {
        var inbound = CrossShardKeys.NextInbound(receipt.Destination, receipt.Source, receipt.Channel);
        state.Set(inbound, CrossShardKeys.Counter(checked(receipt.Sequence + 1)));
        if (receipt.IsContract)
        {
            return ContractReceipts.Apply(state, context, receipt);
        }

        var recipient = state.GetAccount(receipt.To);
        if (receipt.Kind == ShardReceiptKind.Refund)
        {
            state.SetAccount(receipt.To, recipient with { Balance = checked(recipient.Balance + receipt.Amount) });
            return IncomingOutcome.RefundCredited;
        }

        IncomingOutcome? refund = context.Height - receipt.SourceHeight > context.Parameters.ReceiptTimeoutHeights ? IncomingOutcome.RefundedTimeout
            : ulong.MaxValue - recipient.Balance < receipt.Amount ? IncomingOutcome.RefundedOverflow
            : null;
        if (refund is { } outcome)
        {
            Emit(state, new ShardReceipt(ShardReceiptKind.Refund, receipt.Destination, receipt.Source, 0, context.Height, receipt.Origin, receipt.To, receipt.From, receipt.Amount));
            return outcome;
        }

        state.SetAccount(receipt.To, recipient with { Balance = recipient.Balance + receipt.Amount });
        return IncomingOutcome.Credited;
    }

    /// <summary>Sends <paramref name="unnumbered"/> (its sequence is ignored): numbers it on its channel and writes it as a pending key.</summary>
    internal static void Emit(IStateView state, ShardReceipt unnumbered)
    {
        foreach (var (key, value) in Sending(state.Get, unnumbered))
        {
            state.Set(key, value);
        }
    }

    /// <summary>
    /// The writes that send <paramref name="unnumbered"/>: its channel's outbound counter advanced, and the numbered receipt as a
    /// pending key (which the block executor turns into an outgoing receipt). For callers that buffer writes (contract frames).
    /// </summary>
    public static (byte[] Key, byte[] Value)[] Sending(Func<byte[], byte[]?> read, ShardReceipt unnumbered)
    {
        var counterKey = CrossShardKeys.NextOutbound(unnumbered.Source, unnumbered.Destination, unnumbered.Channel);
        var sequence = CrossShardKeys.ReadCounter(read(counterKey));
        var receipt = unnumbered with { Sequence = sequence };
        return [(counterKey, CrossShardKeys.Counter(checked(sequence + 1))), (CrossShardKeys.Pending(receipt.Source, receipt.Destination, receipt.Channel, sequence), receipt.Encode())];
    }
}
