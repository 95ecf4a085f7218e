namespace Chain.Protocol.Crypto;

/// <summary>An Ed25519 signature (64 bytes). Immutable: the bytes are copied in and out.</summary>
public readonly struct Signature : IEquatable<Signature>
{
    public const int Size = 64;

    private readonly Hash32 _r;
    private readonly Hash32 _s;

    public Signature(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
        {
            throw new ArgumentException($"an Ed25519 signature is {Size} bytes, got {bytes.Length}", nameof(bytes));
        }

        _r = new Hash32(bytes[..32]);
        _s = new Hash32(bytes[32..]);
    }

    public void CopyTo(Span<byte> destination)
    {
        _r.CopyTo(destination);
        _s.CopyTo(destination[32..]);
    }

    public byte[] ToArray()
    {
        var bytes = new byte[Size];
        CopyTo(bytes);
        return bytes;
    }

    public bool Equals(Signature other) => _r.Equals(other._r) && _s.Equals(other._s);

    public override bool Equals(object? obj) => obj is Signature other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(_r, _s);

    public override string ToString() => Convert.ToHexStringLower(ToArray());

    public static bool operator ==(Signature left, Signature right) => left.Equals(right);

    public static bool operator !=(Signature left, Signature right) => !left.Equals(right);
}
