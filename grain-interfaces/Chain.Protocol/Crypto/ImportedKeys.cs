using System.Collections.Concurrent;

namespace Chain.Protocol.Crypto;

/// <summary>
/// Imported NSec keys by raw public key. Importing (decoding and checking the point) costs more than the
/// verification itself, and a sender signs many transactions, so imports are kept. Bounded: past
/// <see cref="Capacity"/> keys the cache starts over. Thread-safe; a key that is not a valid point caches as null.
/// </summary>
internal static class ImportedKeys
{
    public const int Capacity = 100_000;
    private static readonly ConcurrentDictionary<PublicKey, NSec.Cryptography.PublicKey?> Cache = new();

    public static NSec.Cryptography.PublicKey? Get(PublicKey key)
    {
        if (Cache.TryGetValue(key, out var imported))
        {
            return imported;
        }

        Span<byte> raw = stackalloc byte[PublicKey.Size];
        key.CopyTo(raw);
        imported = NSec.Cryptography.PublicKey.TryImport(NSec.Cryptography.SignatureAlgorithm.Ed25519, raw, NSec.Cryptography.KeyBlobFormat.RawPublicKey, out var result)
            ? result
            : null;
        if (Cache.Count >= Capacity)
        {
            Cache.Clear();
        }

        Cache[key] = imported;
        return imported;
    }
}
