using System.Runtime.CompilerServices;
using Chain.Core.Staking;
using Chain.Core.State;
using Chain.Protocol.Blocks;
using Chain.Protocol.Proofs;
using Chain.Protocol.Transactions;

namespace Chain.Core.Execution;

/// <summary>
/// Applies one transaction to state. Rules (docs/protocol.md §8): the chain id must match, the payload must
/// meet <see cref="PayloadRules"/>, the nonce must equal the account nonce, the fee must be at least the
/// minimum and payable from the balance; otherwise the transaction is refused (not includable). Then the
/// nonce advances and the fee moves to the proposer's balance whatever happens next; the payload itself
/// may still fail with a receipt status (a transfer the balance cannot cover, the staking failures listed on
/// <see cref="StakingTransactions"/>), changing nothing else. Transfers and fees conserve supply; only block
/// rewards mint and slashes burn (<see cref="BlockStaking"/>).
/// Contract payloads (deploy, call, upgrade) run under <see cref="BlockContext.Contracts"/> with the fee rule of
/// <see cref="ContractExecution"/>.
/// The signature is not checked here: admission and block verification check it before execution.
/// </summary>
public static class TransactionExecutor
{
    public static TransactionOutcome Apply(IStateView state, BlockContext context, SignedTransaction signed) => state switch
    {
        // Both executors' views, as structs: the generic body is compiled once for each, with direct (inlinable) state calls, so
        // the sequential and the parallel path get the same code quality whichever view dynamic PGO happened to profile first.
        StateOverlay overlay => Apply(new OverlayState(overlay), state, context, signed),
        Speculative.TransactionView view => Apply(new ViewState(view), state, context, signed),
        Speculative.ScheduledView scheduled => Apply(new ScheduledState(scheduled), state, context, signed),
        _ => Apply<IStateView>(state, state, context, signed),
    };

    /// <param name="fast">The state, for the transfer path's reads and writes.</param>
    /// <param name="state">The same state as an interface, for the paths that take one (contracts, staking, cross-shard).</param>
    private static TransactionOutcome Apply<TState>(TState fast, IStateView state, BlockContext context, SignedTransaction signed)
        where TState : IStateView
    {
        var tx = signed.Body;
        if (!string.Equals(tx.ChainId, context.ChainId, StringComparison.Ordinal))
        {
            return TransactionOutcome.Rejected(TxErrorCode.WrongChainId);
        }

        // Block validity matches admission: a payload that breaks a stateless rule is never includable.
        var (payloadError, _) = PayloadRules.Check(tx, context.ChainId);
        if (payloadError != TxErrorCode.None)
        {
            return TransactionOutcome.Rejected(payloadError);
        }

        if (tx.Fee < ContractExecution.RequiredFee(context.Parameters.MinFee, tx.Payload))
        {
            return TransactionOutcome.Rejected(TxErrorCode.FeeTooLow);
        }

        var senderAddress = tx.SenderAddress;
        var senderKey = StateKeys.Account(senderAddress);
        var sender = ReadAccount(fast, senderKey);
        if (tx.Nonce != sender.Nonce)
        {
            return TransactionOutcome.Rejected(tx.Nonce < sender.Nonce ? TxErrorCode.NonceTooLow : TxErrorCode.NonceTooHigh);
        }

        if (sender.Balance < tx.Fee)
        {
            return TransactionOutcome.Rejected(TxErrorCode.InsufficientBalance);
        }

        if (sender.Nonce == ulong.MaxValue)
        {
            return TransactionOutcome.Rejected(TxErrorCode.NonceTooHigh);
        }

        WriteAccount(fast, senderKey, new AccountState(sender.Balance - tx.Fee, sender.Nonce + 1));
        if (tx.Payload is IContractPayload)
        {
            return ContractExecution.Apply(state, context, signed); // credits the proposer after the run: unused gas is refunded
        }

        fast.CreditFee(context.Proposer, tx.Fee);

        var status = tx.Payload switch
        {
            Transfer transfer when Sharding.CrossShard.IsCrossShard(context, senderAddress, transfer.To) => Sharding.CrossShard.Send(state, context, signed.Hash, senderAddress, transfer),
            Transfer transfer => ApplyTransfer(fast, senderAddress, transfer),
            _ => StakingTransactions.Apply(state, context, tx),
        };
        return TransactionOutcome.Included(new Receipt(signed.Hash, status, tx.Fee));
    }

    private static ReceiptStatus ApplyTransfer<TState>(TState state, Chain.Protocol.Crypto.Address from, Transfer transfer)
        where TState : IStateView
    {
        var fromKey = StateKeys.Account(from);
        var sender = ReadAccount(state, fromKey);
        if (sender.Balance < transfer.Amount)
        {
            return ReceiptStatus.InsufficientBalance;
        }

        var toKey = StateKeys.Account(transfer.To);
        var recipient = ReadAccount(state, toKey);
        if (transfer.To != from && ulong.MaxValue - recipient.Balance < transfer.Amount)
        {
            return ReceiptStatus.BalanceOverflow;
        }

        WriteAccount(state, fromKey, sender with { Balance = sender.Balance - transfer.Amount });
        recipient = ReadAccount(state, toKey);
        WriteAccount(state, toKey, recipient with { Balance = recipient.Balance + transfer.Amount });
        return ReceiptStatus.Success;
    }

    // GetAccount and SetAccount (AccountStore) by a key made once per account and transaction, not once per access: the hot
    // path of every transfer. The scheduled view holds accounts decoded in its slots (encoded once, after a slot's last
    // transaction), so it is asked for accounts, not bytes; the struct type test leaves only the branch of the view at hand.
    private static AccountState ReadAccount<TState>(TState state, byte[] key)
        where TState : IStateView
    {
        if (typeof(TState) == typeof(ScheduledState))
        {
            return Unsafe.As<TState, ScheduledState>(ref state).ReadAccount(key);
        }

        return state.Get(key) is { } bytes ? AccountState.Decode(bytes) : AccountState.Empty;
    }

    private static void WriteAccount<TState>(TState state, byte[] key, AccountState account)
        where TState : IStateView
    {
        if (typeof(TState) == typeof(ScheduledState))
        {
            Unsafe.As<TState, ScheduledState>(ref state).WriteAccount(key, account);
            return;
        }

        state.Set(key, AccountStore.Encode(account));
    }

    private readonly struct OverlayState(StateOverlay overlay) : IStateView
    {
        public byte[]? Get(byte[] key) => overlay.Get(key);

        public void Set(byte[] key, byte[]? value) => overlay.Set(key, value);

        public void CreditFee(Chain.Protocol.Crypto.Address proposer, ulong fee) => overlay.CreditFee(proposer, fee);
    }

    private readonly struct ScheduledState(Speculative.ScheduledView view) : IStateView
    {
        public byte[]? Get(byte[] key) => view.Get(key);

        public void Set(byte[] key, byte[]? value) => view.Set(key, value);

        public void CreditFee(Chain.Protocol.Crypto.Address proposer, ulong fee) => view.CreditFee(proposer, fee);

        public AccountState ReadAccount(byte[] key) => view.ReadAccount(key);

        public void WriteAccount(byte[] key, AccountState account) => view.WriteAccount(key, account);
    }

    private readonly struct ViewState(Speculative.TransactionView view) : IStateView
    {
        public byte[]? Get(byte[] key) => view.Get(key);

        public void Set(byte[] key, byte[]? value) => view.Set(key, value);

        public void CreditFee(Chain.Protocol.Crypto.Address proposer, ulong fee) => view.CreditFee(proposer, fee);
    }
}
