using System.Buffers.Binary;
using Chain.Protocol.Crypto;

namespace Chain.Storage;

/// <summary>
/// Builds store keys and fixed-width values. A key is an ASCII prefix naming its kind (<c>b/</c> blocks,
/// <c>t/</c> transaction index, <c>e/</c> event streams, <c>s/</c> state) followed by fixed-width
/// big-endian fields, so the keys of one kind form one prefix range and sort by their numeric fields
/// (height 9 before height 10, 255 before 256).
/// </summary>
/// <remarks>Decoding stored bytes of the wrong width throws <see cref="InvalidDataException"/>: the store
/// is corrupt or a key is shared by two kinds, and either is a broken invariant.</remarks>
public static class KeyCodec
{
    /// <summary>The bytes of <paramref name="text"/>, which must be printable ASCII (0x20..0x7e).</summary>
    public static byte[] Ascii(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var bytes = new byte[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is < ' ' or > '~')
            {
                throw new ArgumentException($"key text must be printable ASCII; character {i} is U+{(int)c:X4}", nameof(text));
            }

            bytes[i] = (byte)c;
        }

        return bytes;
    }

    public static byte[] Concat(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second)
    {
        var key = new byte[first.Length + second.Length];
        first.CopyTo(key);
        second.CopyTo(key.AsSpan(first.Length));
        return key;
    }

    /// <summary><paramref name="prefix"/> followed by <paramref name="value"/> as 8 big-endian bytes.</summary>
    public static byte[] WithU64(ReadOnlySpan<byte> prefix, ulong value)
    {
        var key = new byte[prefix.Length + sizeof(ulong)];
        prefix.CopyTo(key);
        BinaryPrimitives.WriteUInt64BigEndian(key.AsSpan(prefix.Length), value);
        return key;
    }

    /// <summary><paramref name="prefix"/> followed by <paramref name="value"/> as 4 big-endian bytes.</summary>
    public static byte[] WithU32(ReadOnlySpan<byte> prefix, uint value)
    {
        var key = new byte[prefix.Length + sizeof(uint)];
        prefix.CopyTo(key);
        BinaryPrimitives.WriteUInt32BigEndian(key.AsSpan(prefix.Length), value);
        return key;
    }

    /// <summary><paramref name="prefix"/> followed by the 32 bytes of <paramref name="hash"/>.</summary>
    public static byte[] WithHash(ReadOnlySpan<byte> prefix, Hash32 hash)
    {
        var key = new byte[prefix.Length + Hash32.Size];
        prefix.CopyTo(key);
        hash.CopyTo(key.AsSpan(prefix.Length));
        return key;
    }

    public static byte[] EncodeU64(ulong value)
    {
        var bytes = new byte[sizeof(ulong)];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, value);
        return bytes;
    }

    /// <exception cref="InvalidDataException"><paramref name="bytes"/> is not exactly 8 bytes.</exception>
    public static ulong DecodeU64(ReadOnlySpan<byte> bytes) =>
        bytes.Length == sizeof(ulong)
            ? BinaryPrimitives.ReadUInt64BigEndian(bytes)
            : throw new InvalidDataException($"expected an 8-byte big-endian integer, found {bytes.Length} bytes");

    public static byte[] EncodeU32(uint value)
    {
        var bytes = new byte[sizeof(uint)];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return bytes;
    }

    /// <exception cref="InvalidDataException"><paramref name="bytes"/> is not exactly 4 bytes.</exception>
    public static uint DecodeU32(ReadOnlySpan<byte> bytes) =>
        bytes.Length == sizeof(uint)
            ? BinaryPrimitives.ReadUInt32BigEndian(bytes)
            : throw new InvalidDataException($"expected a 4-byte big-endian integer, found {bytes.Length} bytes");
}
