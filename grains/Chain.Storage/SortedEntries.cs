using System.Collections.Immutable;

namespace Chain.Storage;

/// <summary>
/// The in-memory backend's data: a persistent (immutable) list of entries with distinct keys, sorted the
/// way RocksDB's default comparator sorts: bytes compared as unsigned values (0x7f before 0x80), a proper
/// prefix before any key that extends it. Lookups and updates are O(log n) and share
/// structure with the previous version, so a snapshot is just a reference to one version.
/// Arrays inside are never exposed: values are copied in and out.
/// </summary>
internal static class SortedEntries
{
    private static readonly EntryComparer ByKey = new();

    public static byte[]? Get(ImmutableList<KeyValuePair<byte[], byte[]>> entries, ReadOnlySpan<byte> key)
    {
        var index = IndexOf(entries, key.ToArray());
        return index >= 0 ? entries[index].Value.AsSpan().ToArray() : null;
    }

    /// <summary>Entries under <paramref name="prefix"/>, copied, in key order; <paramref name="checkOpen"/>
    /// runs before each step so a disposed owner stops the enumeration.</summary>
    public static IEnumerable<KeyValuePair<byte[], byte[]>> Scan(
        ImmutableList<KeyValuePair<byte[], byte[]>> entries, byte[] prefix, Action checkOpen)
    {
        var index = IndexOf(entries, prefix);
        if (index < 0)
        {
            index = ~index;
        }

        for (; index < entries.Count; index++)
        {
            checkOpen();
            var (key, value) = entries[index];
            if (!key.AsSpan().StartsWith(prefix))
            {
                yield break;
            }

            yield return KeyValuePair.Create(key.AsSpan().ToArray(), value.AsSpan().ToArray());
        }
    }

    public static ImmutableList<KeyValuePair<byte[], byte[]>> Apply(
        ImmutableList<KeyValuePair<byte[], byte[]>> entries, WriteBatch batch)
    {
        var builder = entries.ToBuilder();
        foreach (var (key, value) in batch.Operations)
        {
            var index = builder.BinarySearch(KeyValuePair.Create(key, Array.Empty<byte>()), ByKey);
            if (value is not null)
            {
                var entry = KeyValuePair.Create(key.AsSpan().ToArray(), value.AsSpan().ToArray());
                if (index >= 0)
                {
                    builder[index] = entry;
                }
                else
                {
                    builder.Insert(~index, entry);
                }
            }
            else if (index >= 0)
            {
                builder.RemoveAt(index);
            }
        }

        return builder.ToImmutable();
    }

    private static int IndexOf(ImmutableList<KeyValuePair<byte[], byte[]>> entries, byte[] key) =>
        entries.BinarySearch(KeyValuePair.Create(key, Array.Empty<byte>()), ByKey);

    private sealed class EntryComparer : IComparer<KeyValuePair<byte[], byte[]>>
    {
        public int Compare(KeyValuePair<byte[], byte[]> x, KeyValuePair<byte[], byte[]> y) =>
            x.Key.AsSpan().SequenceCompareTo(y.Key);
    }
}
