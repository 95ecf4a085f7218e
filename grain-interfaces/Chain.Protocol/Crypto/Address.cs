using System.Buffers.Binary;

namespace Chain.Protocol.Crypto;

/// <summary>
/// An account address: the first 20 bytes of <c>Tagged("chain/address/v1", publicKey)</c>.
/// Written for people as Bech32m (BIP-350) with the human-readable part <c>chain</c>, so a typo is
/// caught by the checksum instead of sending funds to a wrong account.
/// </summary>
public readonly struct Address : IEquatable<Address>, IComparable<Address>
{
    public const int Size = 20;
    public const string HumanReadablePart = "chain";

    private readonly ulong _a;
    private readonly ulong _b;
    private readonly uint _c;

    public Address(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
        {
            throw new ArgumentException($"an address is {Size} bytes, got {bytes.Length}", nameof(bytes));
        }

        _a = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        _b = BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
        _c = BinaryPrimitives.ReadUInt32BigEndian(bytes[16..]);
    }

    public static Address FromPublicKey(PublicKey key)
    {
        Span<byte> raw = stackalloc byte[PublicKey.Size];
        key.CopyTo(raw);
        Span<byte> digest = stackalloc byte[Hash32.Size];
        Hashing.Tagged(HashTags.Address, raw).CopyTo(digest);
        return new Address(digest[..Size]);
    }

    public void CopyTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, _a);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _b);
        BinaryPrimitives.WriteUInt32BigEndian(destination[16..], _c);
    }

    public byte[] ToArray()
    {
        var bytes = new byte[Size];
        CopyTo(bytes);
        return bytes;
    }

    public static Address Parse(string text)
    {
        if (!TryParse(text, out var address, out var error))
        {
            throw new FormatException(error);
        }

        return address;
    }

    public static bool TryParse(string? text, out Address address, out string error)
    {
        address = default;
        if (!Bech32m.TryDecode(text, out var hrp, out var data, out error))
        {
            return false;
        }

        if (!string.Equals(hrp, HumanReadablePart, StringComparison.Ordinal))
        {
            error = $"address prefix must be '{HumanReadablePart}', got '{hrp}'";
            return false;
        }

        if (data.Length != Size)
        {
            error = $"address must carry {Size} bytes, got {data.Length}";
            return false;
        }

        address = new Address(data);
        return true;
    }

    public bool Equals(Address other) => _a == other._a && _b == other._b && _c == other._c;

    public override bool Equals(object? obj) => obj is Address other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(_a, _b, _c);

    public int CompareTo(Address other)
    {
        var c = _a.CompareTo(other._a);
        if (c != 0)
        {
            return c;
        }

        c = _b.CompareTo(other._b);
        return c != 0 ? c : _c.CompareTo(other._c);
    }

    /// <summary>The Bech32m form, e.g. <c>chain1...</c>.</summary>
    public override string ToString() => Bech32m.Encode(HumanReadablePart, ToArray());

    public static bool operator ==(Address left, Address right) => left.Equals(right);

    public static bool operator !=(Address left, Address right) => !left.Equals(right);

    public static bool operator <(Address left, Address right) => left.CompareTo(right) < 0;

    public static bool operator >(Address left, Address right) => left.CompareTo(right) > 0;

    public static bool operator <=(Address left, Address right) => left.CompareTo(right) <= 0;

    public static bool operator >=(Address left, Address right) => left.CompareTo(right) >= 0;
}
