using Chain.Protocol.Crypto;

namespace Chain.Protocol.Blocks;

/// <summary>A member of the validator set: its consensus key and its voting power (bonded stake).</summary>
public sealed record Validator(PublicKey PublicKey, ulong Power)
{
    public Address Address => PublicKey.ToAddress();
}
