using System.Buffers.Binary;
using Chain.Core.State;
using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;

namespace Chain.Core.Staking;

/// <summary>Typed reads and writes of the staking records (layout: <see cref="StakingKeys"/>). Empty values are removed, not stored.</summary>
internal static class StakingStore
{
    public static ValidatorRecord? Validator(this IStateReader state, Address validator) =>
        state.Get(StakingKeys.Validator(validator)) is { } bytes ? ValidatorRecord.Decode(bytes) : null;

    public static void SetValidator(this IStateView state, Address validator, ValidatorRecord? record) =>
        state.Set(StakingKeys.Validator(validator), record?.Encode());

    public static ulong DelegationShares(this IStateReader state, Address delegator, Address validator) =>
        state.Get(StakingKeys.Delegation(delegator, validator)) is { } bytes ? DecodeU64(bytes) : 0;

    public static void SetDelegationShares(this IStateView state, Address delegator, Address validator, ulong shares) =>
        state.Set(StakingKeys.Delegation(delegator, validator), shares == 0 ? null : EncodeU64(shares));

    public static UnbondingRecord Unbonding(this IStateReader state, Address delegator, Address validator) =>
        state.Get(StakingKeys.Unbonding(delegator, validator)) is { } bytes ? UnbondingRecord.Decode(bytes) : UnbondingRecord.Empty;

    public static void SetUnbonding(this IStateView state, Address delegator, Address validator, UnbondingRecord record) =>
        state.Set(StakingKeys.Unbonding(delegator, validator), record.Entries.Count == 0 ? null : record.Encode());

    public static AddressList DelegatorIndex(this IStateReader state, Address delegator) =>
        state.Get(StakingKeys.DelegatorIndex(delegator)) is { } bytes ? AddressList.Decode(bytes, StakingLimits.MaxValidatorsPerDelegator) : AddressList.Empty;

    /// <summary>Keeps <paramref name="validator"/> in the delegator's index exactly while the pair has shares or unbonding entries.</summary>
    public static void SyncDelegatorIndex(this IStateView state, Address delegator, Address validator)
    {
        var index = state.DelegatorIndex(delegator);
        var present = state.DelegationShares(delegator, validator) > 0 || state.Unbonding(delegator, validator).Entries.Count > 0;
        var updated = present ? index.With(validator) : index.Without(validator);
        if (!ReferenceEquals(updated, index))
        {
            state.Set(StakingKeys.DelegatorIndex(delegator), updated.Count == 0 ? null : updated.Encode());
        }
    }

    public static AddressList Registry(this IStateReader state) =>
        state.Get(StakingKeys.Registry) is { } bytes ? AddressList.Decode(bytes, StakingLimits.MaxValidatorRecords) : AddressList.Empty;

    public static void SetRegistry(this IStateView state, AddressList registry) =>
        state.Set(StakingKeys.Registry, registry.Count == 0 ? null : registry.Encode());

    public static SupplyRecord Supply(this IStateReader state) =>
        state.Get(StakingKeys.Supply) is { } bytes
            ? SupplyRecord.Decode(bytes)
            : throw new InvalidOperationException("the state has no supply record: it was not created from a genesis document");

    public static void SetSupply(this IStateView state, SupplyRecord supply) => state.Set(StakingKeys.Supply, supply.Encode());

    public static ValidatorSet ActiveSet(this IStateReader state) =>
        state.Get(StakingKeys.ActiveSet) is { } bytes
            ? ValidatorSet.Decode(bytes)
            : throw new InvalidOperationException("the state has no active validator set: it was not created from a genesis document");

    public static ValidatorSet? PreviousSet(this IStateReader state) =>
        state.Get(StakingKeys.PreviousSet) is { } bytes ? ValidatorSet.Decode(bytes) : null;

    /// <summary>Writes <paramref name="set"/> under <paramref name="key"/> unless that is already its value.</summary>
    public static void SetValidatorSet(this IStateView state, byte[] key, ValidatorSet set)
    {
        var encoded = set.Encode();
        if (state.Get(key) is not { } current || !current.AsSpan().SequenceEqual(encoded))
        {
            state.Set(key, encoded);
        }
    }

    public static byte[] EncodeU64(ulong value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        return bytes;
    }

    private static ulong DecodeU64(byte[] bytes) => bytes.Length == 8
        ? BinaryPrimitives.ReadUInt64LittleEndian(bytes)
        : throw new Chain.Protocol.Encoding.DecodeException("a delegation value is 8 bytes");
}
