using System.Buffers.Binary;

namespace Chain.Core.State;

/// <summary>
/// Sorting by key bytes (the write set's order, <see cref="ByteArrayComparer"/>) through each key's first eight bytes as a
/// big-endian number, zero-padded: two keys whose prefixes differ are ordered as their prefixes are, so most of the sort
/// compares numbers, and only keys that share a prefix are compared byte by byte. A sort by comparer reads two keys'
/// arrays at every comparison (n log n reads scattered over the heap); this reads each key once.
/// <para>Zero-padding keeps the order: a key shorter than eight bytes is padded to a prefix no greater than that of any
/// key it precedes, and equal prefixes are settled by the full comparison. With distinct keys the result is the one
/// total order, whatever the sort algorithm.</para>
/// </summary>
public static class KeyOrder
{
    public static ulong Prefix(ReadOnlySpan<byte> key)
    {
        if (key.Length >= sizeof(ulong))
        {
            return BinaryPrimitives.ReadUInt64BigEndian(key);
        }

        Span<byte> padded = stackalloc byte[sizeof(ulong)];
        padded.Clear();
        key.CopyTo(padded);
        return BinaryPrimitives.ReadUInt64BigEndian(padded);
    }

    /// <summary>
    /// Sorts <paramref name="items"/> by their keys' bytes; <paramref name="prefixes"/> holds each item's <see cref="Prefix"/>
    /// and is sorted along. The keys must be distinct. Items that are not references (indices) move without write barriers.
    /// </summary>
    public static void Sort<T>(Span<ulong> prefixes, Span<T> items, Func<T, byte[]> keyOf)
    {
        prefixes.Sort(items);
        IComparer<T>? byKey = null;
        for (var start = 0; start < prefixes.Length;)
        {
            var end = start + 1;
            while (end < prefixes.Length && prefixes[end] == prefixes[start])
            {
                end++;
            }

            if (end - start > 1)
            {
                byKey ??= Comparer<T>.Create((a, b) => ByteArrayComparer.Instance.Compare(keyOf(a), keyOf(b)));
                items[start..end].Sort(byKey);
            }

            start = end;
        }
    }
}
