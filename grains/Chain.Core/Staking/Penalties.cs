using Chain.Core.State;
using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;

namespace Chain.Core.Staking;

/// <summary>Slashing (burns from both pools) and removal from the active set, shared by downtime and equivocation.</summary>
internal static class Penalties
{
    /// <summary>
    /// Burns <paramref name="bps"/> of the validator's bonded pool and of its unbonding pool, so its delegators
    /// and its unbonding entries lose the same fraction; the supply record burns the same amount.
    /// </summary>
    public static ValidatorRecord Slash(IStateView state, ValidatorRecord record, uint bps)
    {
        var fromBonded = ShareMath.BasisPointsOf(record.Tokens, bps);
        var fromUnbonding = ShareMath.BasisPointsOf(record.UnbondingTokens, bps);
        var burned = checked(fromBonded + fromUnbonding);
        if (burned > 0)
        {
            var supply = state.Supply();
            state.SetSupply(new SupplyRecord(checked(supply.Total - burned), supply.Minted, checked(supply.Burned + burned)));
        }

        return record with { Tokens = record.Tokens - fromBonded, UnbondingTokens = record.UnbondingTokens - fromUnbonding };
    }

    /// <summary>
    /// Takes the validator out of the active set from the next block on. The set is never emptied: when the
    /// validator is its only member it stays (the chain would otherwise halt with no one to certify blocks);
    /// it is replaced at the next epoch boundary that finds an eligible validator.
    /// </summary>
    public static void RemoveFromActiveSet(IStateView state, PublicKey validator)
    {
        var active = state.ActiveSet();
        if (active.Count == 1 || active.IndexOf(validator) < 0)
        {
            return;
        }

        state.SetValidatorSet(StakingKeys.ActiveSet, new ValidatorSet(active.Validators.Where(v => v.PublicKey != validator)));
    }
}
