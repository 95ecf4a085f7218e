using System.Buffers.Binary;

namespace Chain.Protocol.Crypto;

/// <summary>
/// A 32-byte hash (SHA-256 output). Compared as big-endian bytes, so ordering equals lexicographic
/// byte order; bit 0 is the most significant bit of byte 0 (the sparse-Merkle path order).
/// </summary>
public readonly struct Hash32 : IEquatable<Hash32>, IComparable<Hash32>
{
    public const int Size = 32;

    private readonly ulong _a;
    private readonly ulong _b;
    private readonly ulong _c;
    private readonly ulong _d;

    public Hash32(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
        {
            throw new ArgumentException($"a hash is {Size} bytes, got {bytes.Length}", nameof(bytes));
        }

        _a = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        _b = BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
        _c = BinaryPrimitives.ReadUInt64BigEndian(bytes[16..]);
        _d = BinaryPrimitives.ReadUInt64BigEndian(bytes[24..]);
    }

    /// <summary>All zero bytes: the hash of an empty sparse-Merkle subtree.</summary>
    public static Hash32 Zero => default;

    public bool IsZero => (_a | _b | _c | _d) == 0;

    public void CopyTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, _a);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _b);
        BinaryPrimitives.WriteUInt64BigEndian(destination[16..], _c);
        BinaryPrimitives.WriteUInt64BigEndian(destination[24..], _d);
    }

    public byte[] ToArray()
    {
        var bytes = new byte[Size];
        CopyTo(bytes);
        return bytes;
    }

    /// <summary>Bit <paramref name="index"/> (0..255), counting from the most significant bit of byte 0.</summary>
    public bool GetBit(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, 256);
        var word = (index >> 6) switch { 0 => _a, 1 => _b, 2 => _c, _ => _d };
        return ((word >> (63 - (index & 63))) & 1) != 0;
    }

    /// <summary>Length of the common bit prefix of two hashes (256 when equal).</summary>
    public static int CommonPrefixLength(Hash32 x, Hash32 y)
    {
        var diff = x._a ^ y._a;
        if (diff != 0)
        {
            return System.Numerics.BitOperations.LeadingZeroCount(diff);
        }

        diff = x._b ^ y._b;
        if (diff != 0)
        {
            return 64 + System.Numerics.BitOperations.LeadingZeroCount(diff);
        }

        diff = x._c ^ y._c;
        if (diff != 0)
        {
            return 128 + System.Numerics.BitOperations.LeadingZeroCount(diff);
        }

        diff = x._d ^ y._d;
        return diff != 0 ? 192 + System.Numerics.BitOperations.LeadingZeroCount(diff) : 256;
    }

    public static Hash32 Parse(string hex)
    {
        if (!TryParse(hex, out var hash))
        {
            throw new FormatException("expected 64 hexadecimal characters");
        }

        return hash;
    }

    public static bool TryParse(string? hex, out Hash32 hash)
    {
        hash = default;
        if (hex is null)
        {
            return false;
        }

        if (hex.StartsWith("0x", StringComparison.Ordinal))
        {
            hex = hex[2..];
        }

        if (hex.Length != Size * 2)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[Size];
        if (Convert.FromHexString(hex, bytes, out _, out var written) != System.Buffers.OperationStatus.Done || written != Size)
        {
            return false;
        }

        hash = new Hash32(bytes);
        return true;
    }

    public bool Equals(Hash32 other) => _a == other._a && _b == other._b && _c == other._c && _d == other._d;

    public override bool Equals(object? obj) => obj is Hash32 other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(_a, _b, _c, _d);

    public int CompareTo(Hash32 other)
    {
        var c = _a.CompareTo(other._a);
        if (c != 0)
        {
            return c;
        }

        c = _b.CompareTo(other._b);
        if (c != 0)
        {
            return c;
        }

        c = _c.CompareTo(other._c);
        return c != 0 ? c : _d.CompareTo(other._d);
    }

    /// <summary>Lowercase hex, 64 characters, no prefix.</summary>
    public override string ToString() => Convert.ToHexStringLower(ToArray());

    public static bool operator ==(Hash32 left, Hash32 right) => left.Equals(right);

    public static bool operator !=(Hash32 left, Hash32 right) => !left.Equals(right);

    public static bool operator <(Hash32 left, Hash32 right) => left.CompareTo(right) < 0;

    public static bool operator >(Hash32 left, Hash32 right) => left.CompareTo(right) > 0;

    public static bool operator <=(Hash32 left, Hash32 right) => left.CompareTo(right) <= 0;

    public static bool operator >=(Hash32 left, Hash32 right) => left.CompareTo(right) >= 0;
}
