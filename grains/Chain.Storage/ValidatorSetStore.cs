using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;

namespace Chain.Storage;

/// <summary>
/// The validator sets a node has seen, by hash (<c>v/s/{hash}</c> → encoded set), and the heights whose
/// header changes the set (<c>v/c/{height u64}</c> → empty), so a light client can be served the chain of
/// set changes from genesis. Entries are staged into the caller's block batch.
/// </summary>
public sealed class ValidatorSetStore(IKeyValueReader reader)
{
    private static ReadOnlySpan<byte> SetPrefix => "v/s/"u8;

    private static ReadOnlySpan<byte> ChangePrefix => "v/c/"u8;

    public static void StageSet(WriteBatch batch, ValidatorSet set) => batch.Put(KeyCodec.WithHash(SetPrefix, set.Hash), set.Encode());

    public static void StageChange(WriteBatch batch, ulong height) => batch.Put(KeyCodec.WithU64(ChangePrefix, height), []);

    /// <summary>The encoded set with this hash, or null.</summary>
    public byte[]? GetEncoded(Hash32 hash) => reader.Get(KeyCodec.WithHash(SetPrefix, hash));

    /// <summary>Heights after <paramref name="afterHeight"/> whose header changes the validator set, ascending, at most <paramref name="max"/>.</summary>
    public IReadOnlyList<ulong> ChangesAfter(ulong afterHeight, int max)
    {
        var result = new List<ulong>();
        foreach (var entry in reader.ScanPrefix(ChangePrefix.ToArray()))
        {
            var height = KeyCodec.DecodeU64(entry.Key.AsSpan(ChangePrefix.Length));
            if (height <= afterHeight)
            {
                continue;
            }

            result.Add(height);
            if (result.Count >= max)
            {
                break;
            }
        }

        return result;
    }
}
