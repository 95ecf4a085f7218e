using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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
        if (prefixes.Length < RadixThreshold)
        {
            prefixes.Sort(items);
        }
        else
        {
            RadixSort(prefixes, items);
        }

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

    /// <summary>Below this many keys a comparison sort is as fast: a radix sort's passes cost the same whatever the count.</summary>
    private const int RadixThreshold = 256;

    /// <summary>
    /// A stable least-significant-byte-first radix sort of the prefixes, items along: a comparison sort of random prefixes
    /// mispredicts about every other branch. A byte that all prefixes share (the key space's tag) costs no pass.
    /// </summary>
    private static void RadixSort<T>(Span<ulong> prefixes, Span<T> items)
    {
        const int Digits = sizeof(ulong);
        var count = prefixes.Length;
        Span<int> histograms = stackalloc int[Digits * 256];
        histograms.Clear();
        foreach (var prefix in prefixes)
        {
            for (var d = 0; d < Digits; d++)
            {
                histograms[(d * 256) + (int)((prefix >> (8 * d)) & 0xFF)]++;
            }
        }

        var spareKeys = ArrayPool<ulong>.Shared.Rent(count);
        var spareItems = ArrayPool<T>.Shared.Rent(count);
        Span<ulong> fromKeys = prefixes, toKeys = spareKeys.AsSpan(0, count);
        Span<T> fromItems = items, toItems = spareItems.AsSpan(0, count);
        Span<int> offsets = stackalloc int[256];
        for (var d = 0; d < Digits; d++)
        {
            var histogram = histograms.Slice(d * 256, 256);
            var shift = 8 * d;
            if (histogram[(int)((prefixes[0] >> shift) & 0xFF)] == count)
            {
                continue;
            }

            var total = 0;
            for (var b = 0; b < 256; b++)
            {
                offsets[b] = total;
                total += histogram[b];
            }

            for (var i = 0; i < count; i++)
            {
                var at = offsets[(int)((fromKeys[i] >> shift) & 0xFF)]++;
                toKeys[at] = fromKeys[i];
                toItems[at] = fromItems[i];
            }

            var keys = fromKeys;
            fromKeys = toKeys;
            toKeys = keys;
            var moved = fromItems;
            fromItems = toItems;
            toItems = moved;
        }

        if (!Unsafe.AreSame(ref MemoryMarshal.GetReference(fromKeys), ref MemoryMarshal.GetReference(prefixes)))
        {
            fromKeys.CopyTo(prefixes);
            fromItems.CopyTo(items);
        }

        ArrayPool<ulong>.Shared.Return(spareKeys);
        ArrayPool<T>.Shared.Return(spareItems, clearArray: RuntimeHelpers.IsReferenceOrContainsReferences<T>());
    }
}
