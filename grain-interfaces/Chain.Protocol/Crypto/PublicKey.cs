namespace Chain.Protocol.Crypto;

/// <summary>An Ed25519 public key (32 bytes, RFC 8032 encoding).</summary>
public readonly struct PublicKey : IEquatable<PublicKey>, IComparable<PublicKey>
{
    public const int Size = 32;

    private readonly Hash32 _bytes;

    public PublicKey(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
        {
            throw new ArgumentException($"an Ed25519 public key is {Size} bytes, got {bytes.Length}", nameof(bytes));
        }

        _bytes = new Hash32(bytes);
    }

    public void CopyTo(Span<byte> destination) => _bytes.CopyTo(destination);

    public byte[] ToArray() => _bytes.ToArray();

    /// <summary>The account address this key controls.</summary>
    public Address ToAddress() => Address.FromPublicKey(this);

    /// <summary>Verifies an Ed25519 signature over <paramref name="message"/>; false for keys that are not valid points.</summary>
    public bool Verify(ReadOnlySpan<byte> message, Signature signature)
    {
        if (ImportedKeys.Get(this) is not { } key)
        {
            return false;
        }

        Span<byte> sig = stackalloc byte[Signature.Size];
        signature.CopyTo(sig);
        return NSec.Cryptography.SignatureAlgorithm.Ed25519.Verify(key, message, sig);
    }

    public static PublicKey Parse(string hex)
    {
        if (!Hash32.TryParse(hex, out var h))
        {
            throw new FormatException("a public key is 64 hexadecimal characters");
        }

        return new PublicKey(h.ToArray());
    }

    public bool Equals(PublicKey other) => _bytes.Equals(other._bytes);

    public override bool Equals(object? obj) => obj is PublicKey other && Equals(other);

    public override int GetHashCode() => _bytes.GetHashCode();

    public int CompareTo(PublicKey other) => _bytes.CompareTo(other._bytes);

    public override string ToString() => _bytes.ToString();

    public static bool operator ==(PublicKey left, PublicKey right) => left.Equals(right);

    public static bool operator !=(PublicKey left, PublicKey right) => !left.Equals(right);

    public static bool operator <(PublicKey left, PublicKey right) => left.CompareTo(right) < 0;

    public static bool operator >(PublicKey left, PublicKey right) => left.CompareTo(right) > 0;

    public static bool operator <=(PublicKey left, PublicKey right) => left.CompareTo(right) <= 0;

    public static bool operator >=(PublicKey left, PublicKey right) => left.CompareTo(right) >= 0;
}
