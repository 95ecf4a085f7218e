using Chain.Core.Execution;
using Chain.Core.State;
using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;
using Chain.Protocol.Transactions;
using Delegate = Chain.Protocol.Transactions.Delegate;

namespace Chain.Core.Staking;

/// <summary>
/// The staking payloads, run by <see cref="TransactionExecutor"/> after it has charged the fee and advanced
/// the nonce. A payload that is invalid whatever the state (a zero amount, evidence that does not check) never
/// gets here: it is not includable (<see cref="PayloadRules"/>). Everything that depends on state is a receipt
/// status instead: the transaction is included, pays its fee, and on failure changes nothing else, because
/// every check precedes every write. Statuses, in the order they are checked:
/// <list type="bullet">
/// <item><b>Bond</b>: <c>InsufficientBalance</c>, <c>ValidatorTombstoned</c>, <c>StakingLimitReached</c> (registry
/// or delegator index full), <c>StakeNotPriceable</c>. Creates the validator record on first bond (key = sender key).</item>
/// <item><b>Delegate</b>: <c>UnknownValidator</c>, <c>ValidatorTombstoned</c>, <c>InsufficientBalance</c>,
/// <c>StakingLimitReached</c>, <c>StakeNotPriceable</c>. Jailed validators do accept delegations.</item>
/// <item><b>Unbond</b>: <c>UnknownValidator</c>, <c>InsufficientStake</c> (more than the delegation is worth),
/// <c>StakingLimitReached</c> (7 entries), <c>StakeNotPriceable</c>. Burns ⌈amount·shares/tokens⌉ delegation shares
/// (all of them when the amount is the whole delegation's value), moves what they are worth (at least the amount)
/// into the unbonding pool, and records an entry completing at height + <c>UnbondingPeriod</c>; entries completing
/// at the same height merge.</item>
/// <item><b>Withdraw</b>: <c>NothingToWithdraw</c> when no entry has completed; otherwise every completed entry is
/// paid at the unbonding pool's rate.</item>
/// <item><b>ReportEquivocation</b>: <c>UnknownValidator</c>, <c>ValidatorTombstoned</c> (a second report of the same
/// validator is a no-op, never a second slash), <c>EvidenceOutOfRange</c> (height above the block's, or more than
/// <c>UnbondingPeriod</c> below it). Slashes <c>DoubleSignSlashBps</c> of both pools, burns it, tombstones the
/// validator and removes it from the active set from the next block on.</item>
/// <item><b>Unjail</b> (sender = validator): <c>UnknownValidator</c>, <c>ValidatorTombstoned</c>, <c>NotJailed</c>,
/// <c>StillJailed</c> (height below its jailed-until height). The validator is eligible again at the next epoch.</item>
/// </list>
/// </summary>
public static class StakingTransactions
{
    public static ReceiptStatus Apply(IStateView state, BlockContext context, Transaction tx) => tx.Payload switch
    {
        Bond bond => ApplyBond(state, context, tx.Sender, bond.Amount),
        Delegate d => ApplyDelegate(state, tx.SenderAddress, d.Validator, d.Amount),
        Unbond u => ApplyUnbond(state, context, tx.SenderAddress, u.Validator, u.Amount),
        Withdraw w => ApplyWithdraw(state, context, tx.SenderAddress, w.Validator),
        ReportEquivocation r => ApplyReport(state, context, r),
        Unjail => ApplyUnjail(state, context, tx.SenderAddress),
        _ => throw new InvalidOperationException($"payload kind {tx.Payload.Kind} is not a staking payload"),
    };

    private static ReceiptStatus ApplyBond(IStateView state, BlockContext context, PublicKey key, ulong amount)
    {
        var sender = key.ToAddress();
        if (state.GetAccount(sender).Balance < amount)
        {
            return ReceiptStatus.InsufficientBalance;
        }

        var record = state.Validator(sender);
        AddressList? registry = null;
        if (record is null)
        {
            registry = state.Registry();
            if (registry.Count >= StakingLimits.MaxValidatorRecords)
            {
                return ReceiptStatus.StakingLimitReached;
            }

            record = ValidatorRecord.Create(key).WithFreshWindow(context.Parameters.Staking.DowntimeWindow);
            registry = registry.With(sender);
        }
        else if (record.Tombstoned)
        {
            return ReceiptStatus.ValidatorTombstoned;
        }

        return AddStake(state, sender, sender, record, amount, registry);
    }

    private static ReceiptStatus ApplyDelegate(IStateView state, Address delegator, Address validator, ulong amount)
    {
        var record = state.Validator(validator);
        if (record is null)
        {
            return ReceiptStatus.UnknownValidator;
        }

        if (record.Tombstoned)
        {
            return ReceiptStatus.ValidatorTombstoned;
        }

        return state.GetAccount(delegator).Balance < amount
            ? ReceiptStatus.InsufficientBalance
            : AddStake(state, delegator, validator, record, amount, null);
    }

    private static ReceiptStatus AddStake(IStateView state, Address delegator, Address validator, ValidatorRecord record, ulong amount, AddressList? newRegistry)
    {
        var index = state.DelegatorIndex(delegator);
        if (!index.Contains(validator) && index.Count >= StakingLimits.MaxValidatorsPerDelegator)
        {
            return ReceiptStatus.StakingLimitReached;
        }

        if (ShareMath.SharesFor(amount, record.Tokens, record.TotalShares) is not { } shares)
        {
            return ReceiptStatus.StakeNotPriceable;
        }

        var account = state.GetAccount(delegator);
        state.SetAccount(delegator, account with { Balance = account.Balance - amount });
        state.SetValidator(validator, record with { Tokens = checked(record.Tokens + amount), TotalShares = checked(record.TotalShares + shares) });
        state.SetDelegationShares(delegator, validator, checked(state.DelegationShares(delegator, validator) + shares));
        state.SyncDelegatorIndex(delegator, validator);
        if (newRegistry is not null)
        {
            state.SetRegistry(newRegistry);
        }

        return ReceiptStatus.Success;
    }

    private static ReceiptStatus ApplyUnbond(IStateView state, BlockContext context, Address delegator, Address validator, ulong amount)
    {
        var record = state.Validator(validator);
        if (record is null)
        {
            return ReceiptStatus.UnknownValidator;
        }

        var shares = state.DelegationShares(delegator, validator);
        var value = ShareMath.TokensFor(shares, record.Tokens, record.TotalShares);
        if (shares == 0 || amount > value)
        {
            return ReceiptStatus.InsufficientStake;
        }

        // Round the shares up so the delegator unbonds at least what it asked for; never more than it holds.
        var burned = amount == value ? shares : Math.Min(shares, ShareMath.MulDivCeiling(amount, record.TotalShares, record.Tokens) ?? shares);
        var moved = ShareMath.TokensFor(burned, record.Tokens, record.TotalShares);

        var completion = ShareMath.HeightAfter(context.Height, context.Parameters.Staking.UnbondingPeriod);
        var entries = state.Unbonding(delegator, validator).Entries;
        var merge = entries.Count > 0 && entries[^1].CompletionHeight == completion;
        if (!merge && entries.Count >= UnbondingRecord.MaxEntries)
        {
            return ReceiptStatus.StakingLimitReached;
        }

        if (ShareMath.SharesFor(moved, record.UnbondingTokens, record.UnbondingShares) is not { } poolShares
            || (merge && ulong.MaxValue - entries[^1].Shares < poolShares))
        {
            return ReceiptStatus.StakeNotPriceable;
        }

        state.SetValidator(validator, record with
        {
            Tokens = record.Tokens - moved,
            TotalShares = record.TotalShares - burned,
            UnbondingTokens = checked(record.UnbondingTokens + moved),
            UnbondingShares = checked(record.UnbondingShares + poolShares),
        });
        state.SetDelegationShares(delegator, validator, shares - burned);
        UnbondingEntry[] updated = merge
            ? [.. entries.Take(entries.Count - 1), entries[^1] with { Shares = entries[^1].Shares + poolShares }]
            : [.. entries, new UnbondingEntry(poolShares, completion)];
        state.SetUnbonding(delegator, validator, new UnbondingRecord(updated));
        state.SyncDelegatorIndex(delegator, validator);
        return ReceiptStatus.Success;
    }

    private static ReceiptStatus ApplyWithdraw(IStateView state, BlockContext context, Address delegator, Address validator)
    {
        var entries = state.Unbonding(delegator, validator).Entries;
        var matured = entries.Where(e => e.CompletionHeight <= context.Height).ToArray();
        if (matured.Length == 0)
        {
            return ReceiptStatus.NothingToWithdraw;
        }

        var record = state.Validator(validator)
            ?? throw new InvalidOperationException($"unbonding entries with {validator} have no validator record");
        ulong paid = 0;
        foreach (var entry in matured)
        {
            var tokens = ShareMath.TokensFor(entry.Shares, record.UnbondingTokens, record.UnbondingShares);
            record = record with { UnbondingTokens = record.UnbondingTokens - tokens, UnbondingShares = checked(record.UnbondingShares - entry.Shares) };
            paid = checked(paid + tokens);
        }

        state.SetValidator(validator, record);
        state.SetUnbonding(delegator, validator, new UnbondingRecord([.. entries.Where(e => e.CompletionHeight > context.Height)]));
        state.SyncDelegatorIndex(delegator, validator);
        var account = state.GetAccount(delegator);
        state.SetAccount(delegator, account with { Balance = checked(account.Balance + paid) });
        return ReceiptStatus.Success;
    }

    private static ReceiptStatus ApplyReport(IStateView state, BlockContext context, ReportEquivocation report)
    {
        var key = report.Evidence.First.Validator;
        var validator = key.ToAddress();
        var record = state.Validator(validator);
        if (record is null)
        {
            return ReceiptStatus.UnknownValidator;
        }

        if (record.Tombstoned)
        {
            return ReceiptStatus.ValidatorTombstoned;
        }

        var height = report.Evidence.First.Vote.Height;
        if (height > context.Height || context.Height - height > context.Parameters.Staking.UnbondingPeriod)
        {
            return ReceiptStatus.EvidenceOutOfRange;
        }

        var slashed = Penalties.Slash(state, record, context.Parameters.Staking.DoubleSignSlashBps);
        state.SetValidator(validator, slashed with { Tombstoned = true });
        Penalties.RemoveFromActiveSet(state, record.PublicKey);
        return ReceiptStatus.Success;
    }

    private static ReceiptStatus ApplyUnjail(IStateView state, BlockContext context, Address sender)
    {
        var record = state.Validator(sender);
        if (record is null)
        {
            return ReceiptStatus.UnknownValidator;
        }

        if (record.Tombstoned)
        {
            return ReceiptStatus.ValidatorTombstoned;
        }

        if (!record.Jailed)
        {
            return ReceiptStatus.NotJailed;
        }

        if (context.Height < record.JailedUntil)
        {
            return ReceiptStatus.StillJailed;
        }

        state.SetValidator(sender, record with { Jailed = false, JailedUntil = 0 });
        return ReceiptStatus.Success;
    }
}
