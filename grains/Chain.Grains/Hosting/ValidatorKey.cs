using Chain.Protocol.Crypto;

namespace Chain.Grains.Hosting;

/// <summary>The signing key of the validator this silo hosts. It never leaves the silo.</summary>
public sealed class ValidatorKey(KeyPair key)
{
    public KeyPair Key => key;

    public Address Address => key.Address;
}
