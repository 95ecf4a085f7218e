using Chain.Protocol.Crypto;

namespace Chain.Grains.Hosting;

/// <summary>The signing keys of the validators this silo hosts, by bech32 address. They never leave the silo.</summary>
public sealed class HostedValidators
{
    private readonly SortedDictionary<string, KeyPair> _keys = new(StringComparer.Ordinal);

    public HostedValidators(IEnumerable<KeyPair> keys)
    {
        foreach (var key in keys)
        {
            _keys[key.Address.ToString()] = key;
        }
    }

    public IReadOnlyCollection<string> Addresses => _keys.Keys;

    public KeyPair? Find(string address) => _keys.GetValueOrDefault(address);
}
