using Chain.Protocol.Crypto;
using Chain.Protocol.Proofs;

namespace Chain.Core.Staking;

/// <summary>
/// Where staking state lives in the state tree (all of it under the state root):
/// <list type="bullet">
/// <item><c>0x02 | validator</c> (21 bytes): the <see cref="ValidatorRecord"/>.</item>
/// <item><c>0x03 | delegator</c> (21 bytes): the delegator's index, the sorted validators it has stake or unbonding entries with.</item>
/// <item><c>0x03 | delegator | validator</c> (41 bytes): the delegation's shares (u64).</item>
/// <item><c>0x04 | delegator | validator</c> (41 bytes): the <see cref="UnbondingRecord"/>.</item>
/// <item><c>0x05 | 0x01</c>: the <see cref="SupplyRecord"/>; <c>0x05 | 0x02</c>: the active set (certifies the next block);
/// <c>0x05 | 0x03</c>: the previous set (certified the last block; absent at genesis); <c>0x05 | 0x04</c>: the validator registry.</item>
/// </list>
/// Keys of different kinds in one space differ in length, so they never collide. Nothing is ever found by a
/// range scan: the registry and the delegator indexes are how execution and queries enumerate.
/// </summary>
public static class StakingKeys
{
    public static byte[] Supply => [StateKeys.ChainSpace, 0x01];

    public static byte[] ActiveSet => [StateKeys.ChainSpace, 0x02];

    public static byte[] PreviousSet => [StateKeys.ChainSpace, 0x03];

    public static byte[] Registry => [StateKeys.ChainSpace, 0x04];

    public static byte[] Validator(Address validator) => Key(StateKeys.ValidatorSpace, validator);

    public static byte[] DelegatorIndex(Address delegator) => Key(StateKeys.DelegationSpace, delegator);

    public static byte[] Delegation(Address delegator, Address validator) => Key(StateKeys.DelegationSpace, delegator, validator);

    public static byte[] Unbonding(Address delegator, Address validator) => Key(StateKeys.UnbondingSpace, delegator, validator);

    private static byte[] Key(byte space, Address a)
    {
        var key = new byte[1 + Address.Size];
        key[0] = space;
        a.CopyTo(key.AsSpan(1));
        return key;
    }

    private static byte[] Key(byte space, Address a, Address b)
    {
        var key = new byte[1 + (2 * Address.Size)];
        key[0] = space;
        a.CopyTo(key.AsSpan(1));
        b.CopyTo(key.AsSpan(1 + Address.Size));
        return key;
    }
}
