using NSec.Cryptography;

namespace Chain.Protocol.Crypto;

/// <summary>
/// An Ed25519 signing key (NSec over libsodium). The 32-byte seed is the private key; it is exported
/// only to write a key file.
/// </summary>
public sealed class KeyPair : IDisposable
{
    private static readonly SignatureAlgorithm Algorithm = SignatureAlgorithm.Ed25519;
    private readonly Key _key;

    private KeyPair(Key key)
    {
        _key = key;
        PublicKey = new PublicKey(key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
    }

    public PublicKey PublicKey { get; }

    public Address Address => PublicKey.ToAddress();

    public static KeyPair Generate() =>
        new(Key.Create(Algorithm, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport }));

    public static KeyPair FromSeed(ReadOnlySpan<byte> seed)
    {
        if (seed.Length != 32)
        {
            throw new ArgumentException("an Ed25519 seed is 32 bytes", nameof(seed));
        }

        return new KeyPair(Key.Import(Algorithm, seed, KeyBlobFormat.RawPrivateKey,
            new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport }));
    }

    public byte[] ExportSeed() => _key.Export(KeyBlobFormat.RawPrivateKey);

    public Signature Sign(ReadOnlySpan<byte> message) => new(Algorithm.Sign(_key, message));

    public void Dispose() => _key.Dispose();
}
