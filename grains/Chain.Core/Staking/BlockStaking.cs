using Chain.Core.Execution;
using Chain.Core.State;
using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;
using Chain.Protocol.Genesis;

namespace Chain.Core.Staking;

/// <summary>
/// The staking steps around a block's transactions. At height h the state holds the active set A (it
/// certifies block h) and the previous set P (it certified block h−1; absent at genesis).
/// <para><b>Begin</b> (h ≥ 2, given the block's certificate for h−1, already checked against P): mint
/// <c>BlockReward</c> (capped so the supply fits 64 bits); <c>ProposerRewardBps</c> of it goes to the proposer's
/// bonded pool, the rest to the certificate's signers by their power in P, each ⌊rest·power/signedPower⌋, the
/// rounding remainder to the proposer's pool. Rewards raise a pool's tokens, not its shares, so delegators share
/// them pro rata. Then each member of P that is neither jailed nor tombstoned records bit (h−1) mod
/// <c>DowntimeWindow</c> of its window (1 = missed); one with more than <c>MaxMissedBlocks</c> missed is jailed until
/// h + <c>DowntimeJailBlocks</c>, slashed <c>DowntimeSlashBps</c> of both pools, its window cleared, and removed from
/// the active set.</para>
/// <para><b>End</b>: P becomes A. The next active set is A less the removals made during the block, except
/// when h is a multiple of <c>EpochLength</c>: then it is the top <c>MaxValidators</c> validators that are not
/// jailed or tombstoned, hold tokens and have a self-delegation worth at least <c>MinSelfBond</c>, ranked by
/// tokens (ties: address ascending), with power = tokens. If none qualifies the set stays as it is; it is never
/// empty. A validator entering the set starts with a clear window. The epoch also retires records left empty
/// (no tokens, shares or unbonding, even as dust) and in neither set: an unjailed one is deleted; a tombstoned
/// one keeps its record (so its key can never bond again) but leaves the registry; a jailed one stays.</para>
/// </summary>
public static class BlockStaking
{
    /// <summary>Rewards and downtime for the certificate of the parent block; nothing at height 1.</summary>
    public static void Begin(StateOverlay state, BlockContext context, QuorumCertificate? lastCertificate, ValidatorSet? previous)
    {
        if (lastCertificate is null || previous is null)
        {
            return;
        }

        var signed = new bool[previous.Count];
        foreach (var s in lastCertificate.Signatures)
        {
            signed[(int)s.ValidatorIndex] = true;
        }

        Reward(state, context, previous, signed);
        TrackDowntime(state, context, previous, signed);
    }

    /// <summary>Rotates the sets and returns the active set after the block: the set that certifies the next block.</summary>
    public static ValidatorSet End(StateOverlay state, BlockContext context, ValidatorSet certifying)
    {
        var parameters = context.Parameters.Staking;
        var next = state.ActiveSet();
        if (context.Height % parameters.EpochLength == 0)
        {
            var chosen = ChooseSet(state, parameters);
            if (chosen is not null)
            {
                next = chosen;
            }

            var wasActive = certifying.Validators.Select(v => v.PublicKey).ToHashSet();
            foreach (var v in next.Validators.Where(v => !wasActive.Contains(v.PublicKey)))
            {
                var address = v.Address;
                var record = state.Validator(address) ?? throw new InvalidOperationException($"validator {address} in the set has no record");
                state.SetValidator(address, record.WithFreshWindow(parameters.DowntimeWindow));
            }

            RetireEmptyRecords(state, next, certifying);
        }

        state.SetValidatorSet(StakingKeys.ActiveSet, next);
        state.SetValidatorSet(StakingKeys.PreviousSet, certifying);
        return next;
    }

    private static void Reward(StateOverlay state, BlockContext context, ValidatorSet previous, bool[] signed)
    {
        var parameters = context.Parameters.Staking;
        var supply = state.Supply();
        var reward = Math.Min(parameters.BlockReward, ulong.MaxValue - supply.Total);
        if (reward == 0)
        {
            return;
        }

        var bonus = ShareMath.BasisPointsOf(reward, parameters.ProposerRewardBps);
        var rest = reward - bonus;
        ulong signedPower = 0;
        for (var i = 0; i < previous.Count; i++)
        {
            signedPower += signed[i] ? previous.Validators[i].Power : 0;
        }

        ulong paid = 0;
        for (var i = 0; i < previous.Count && signedPower > 0; i++)
        {
            if (signed[i])
            {
                var share = (ulong)((UInt128)rest * previous.Validators[i].Power / signedPower);
                AddTokens(state, previous.Validators[i].Address, share);
                paid += share;
            }
        }

        AddTokens(state, context.Proposer, checked(bonus + (rest - paid)));
        state.SetSupply(new SupplyRecord(checked(supply.Total + reward), checked(supply.Minted + reward), supply.Burned));
    }

    private static void AddTokens(StateOverlay state, Address validator, ulong amount)
    {
        if (amount == 0)
        {
            return;
        }

        var record = state.Validator(validator) ?? throw new InvalidOperationException($"rewarded validator {validator} has no record");
        state.SetValidator(validator, record with { Tokens = checked(record.Tokens + amount) });
    }

    private static void TrackDowntime(StateOverlay state, BlockContext context, ValidatorSet previous, bool[] signed)
    {
        var parameters = context.Parameters.Staking;
        var window = parameters.DowntimeWindow;
        var bit = (context.Height - 1) % window;
        for (var i = 0; i < previous.Count; i++)
        {
            var address = previous.Validators[i].Address;
            var record = state.Validator(address) ?? throw new InvalidOperationException($"validator {address} in the set has no record");
            if (record.Jailed || record.Tombstoned)
            {
                continue;
            }

            if (record.MissedBitmap.Length != ValidatorRecord.BitmapBytes(window))
            {
                record = record.WithFreshWindow(window);
            }

            var missed = !signed[i];
            var mask = (byte)(1 << (int)(bit % 8));
            var wasMissed = (record.MissedBitmap[bit / 8] & mask) != 0;
            if (missed == wasMissed)
            {
                continue;
            }

            var bitmap = (byte[])record.MissedBitmap.Clone();
            bitmap[bit / 8] = (byte)(missed ? bitmap[bit / 8] | mask : bitmap[bit / 8] & ~mask);
            record = record with { MissedBitmap = bitmap, MissedCount = missed ? record.MissedCount + 1 : record.MissedCount - 1 };
            if (record.MissedCount > parameters.MaxMissedBlocks)
            {
                record = Penalties.Slash(state, record, parameters.DowntimeSlashBps) with
                {
                    Jailed = true,
                    JailedUntil = ShareMath.HeightAfter(context.Height, parameters.DowntimeJailBlocks),
                };
                record = record.WithFreshWindow(window);
                Penalties.RemoveFromActiveSet(state, record.PublicKey);
            }

            state.SetValidator(address, record);
        }
    }

    private static ValidatorSet? ChooseSet(StateOverlay state, StakingParameters parameters)
    {
        var eligible = new List<(Address Address, Validator Validator)>();
        foreach (var address in state.Registry().Items)
        {
            var record = state.Validator(address) ?? throw new InvalidOperationException($"registered validator {address} has no record");
            if (!record.MayBeChosen)
            {
                continue;
            }

            var selfStake = ShareMath.TokensFor(state.DelegationShares(address, address), record.Tokens, record.TotalShares);
            if (selfStake >= parameters.MinSelfBond)
            {
                eligible.Add((address, new Validator(record.PublicKey, record.Tokens)));
            }
        }

        if (eligible.Count == 0)
        {
            return null;
        }

        return new ValidatorSet(eligible
            .OrderByDescending(e => e.Validator.Power)
            .ThenBy(e => e.Address)
            .Take((int)parameters.MaxValidators)
            .Select(e => e.Validator));
    }

    private static void RetireEmptyRecords(StateOverlay state, ValidatorSet next, ValidatorSet certifying)
    {
        var inSets = next.Validators.Concat(certifying.Validators).Select(v => v.PublicKey).ToHashSet();
        var registry = state.Registry();
        var kept = registry;
        foreach (var address in registry.Items)
        {
            var record = state.Validator(address)!;
            if (!record.IsEmpty || record.Jailed || inSets.Contains(record.PublicKey))
            {
                continue;
            }

            kept = kept.Without(address);
            if (!record.Tombstoned)
            {
                state.SetValidator(address, null);
            }
        }

        if (!ReferenceEquals(kept, registry))
        {
            state.SetRegistry(kept);
        }
    }
}
