using Chain.Protocol.Crypto;

namespace Chain.Protocol.Proofs;

/// <summary>Keys of the state tree. Each starts with a one-byte space so kinds of state never collide.</summary>
public static class StateKeys
{
    public const byte AccountSpace = 0x01;

    /// <summary>Staking state (validators, delegations, unbonding entries, the active set, supply): see Chain.Core/Staking.</summary>
    public const byte ValidatorSpace = 0x02;
    public const byte DelegationSpace = 0x03;
    public const byte UnbondingSpace = 0x04;
    public const byte ChainSpace = 0x05;

    public static byte[] Account(Address address)
    {
        var key = new byte[1 + Address.Size];
        key[0] = AccountSpace;
        address.CopyTo(key.AsSpan(1));
        return key;
    }
}
