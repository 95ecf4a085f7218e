using Chain.Core.State;
using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;
using Chain.Protocol.Proofs;

namespace Chain.Core.Staking;

/// <summary>
/// Read-only views of staking state, for the grains, the API and tests. Every list is in address order.
/// Costs: one read per validator record (<see cref="Validators"/>), or per validator the delegator has
/// stake with (<see cref="Stakes"/>, at most <see cref="StakingLimits.MaxValidatorsPerDelegator"/>).
/// </summary>
public static class StakingQueries
{
    /// <summary>The set that certifies the next block. Throws when the state has none (not built from a genesis).</summary>
    public static ValidatorSet ActiveSet(IStateReader state) => state.ActiveSet();

    /// <summary>The set that certified the last block; null at genesis.</summary>
    public static ValidatorSet? PreviousSet(IStateReader state) => state.PreviousSet();

    public static SupplyRecord Supply(IStateReader state) => state.Supply();

    /// <summary>The supply record's total: genesis supply + minted − burned.</summary>
    public static ulong TotalSupply(IStateReader state) => state.Supply().Total;

    /// <summary>One record, or null when the address has none.</summary>
    public static ValidatorRecord? Validator(IStateReader state, Address validator) => state.Validator(validator);

    public static IReadOnlyList<ValidatorView> Validators(IStateReader state)
    {
        var power = ActiveSet(state).Validators.ToDictionary(v => v.Address, v => v.Power);
        var views = new List<ValidatorView>();
        foreach (var address in state.Registry().Items)
        {
            var r = state.Validator(address) ?? throw new InvalidOperationException($"registered validator {address} has no record");
            var inSet = power.GetValueOrDefault(address);
            var status = r.Tombstoned ? "tombstoned" : r.Jailed ? "jailed" : inSet > 0 ? "active" : "candidate";
            var self = ShareMath.TokensFor(state.DelegationShares(address, address), r.Tokens, r.TotalShares);
            views.Add(new ValidatorView(address, r.PublicKey, r.Tokens, inSet, status, r.Jailed ? r.JailedUntil : 0, r.MissedCount, self, r.UnbondingTokens));
        }

        return views;
    }

    public static IReadOnlyList<StakeView> Stakes(IStateReader state, Address delegator)
    {
        var views = new List<StakeView>();
        foreach (var validator in state.DelegatorIndex(delegator).Items)
        {
            var r = state.Validator(validator) ?? throw new InvalidOperationException($"stake with {validator} has no validator record");
            var shares = state.DelegationShares(delegator, validator);
            var unbonding = state.Unbonding(delegator, validator).Entries
                .Select(e => new UnbondingView(ShareMath.TokensFor(e.Shares, r.UnbondingTokens, r.UnbondingShares), e.CompletionHeight))
                .ToArray();
            views.Add(new StakeView(validator, ShareMath.TokensFor(shares, r.Tokens, r.TotalShares), shares, unbonding));
        }

        return views;
    }

    /// <summary>
    /// The supply actually held: the balances of <paramref name="accounts"/> plus every registered validator's
    /// bonded and unbonding pools (dust included). Equals <see cref="TotalSupply"/> when
    /// <paramref name="accounts"/> covers every account with a balance. For tests and audits.
    /// </summary>
    public static ulong CountedSupply(IStateReader state, IEnumerable<Address> accounts)
    {
        ulong sum = 0;
        foreach (var address in accounts.Distinct())
        {
            if (state.Get(StateKeys.Account(address)) is { } bytes)
            {
                sum = checked(sum + AccountState.Decode(bytes).Balance);
            }
        }

        foreach (var address in state.Registry().Items)
        {
            var r = state.Validator(address)!;
            sum = checked(sum + r.Tokens + r.UnbondingTokens);
        }

        return sum;
    }
}
