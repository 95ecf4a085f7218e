using System.Security.Cryptography;

namespace Chain.Protocol.Crypto;

/// <summary>
/// SHA-256 with domain separation. Every hash the protocol defines is
/// <c>SHA-256(tag || 0x00 || data)</c> with an ASCII tag naming what is hashed (docs/protocol.md §3),
/// except the Merkle trees, which use one-byte prefixes (RFC 6962 and the sparse tree).
/// </summary>
public static class Hashing
{
    public static Hash32 Sha256(ReadOnlySpan<byte> data)
    {
        Span<byte> output = stackalloc byte[Hash32.Size];
        SHA256.HashData(data, output);
        return new Hash32(output);
    }

    /// <summary>SHA-256 over <c>tag || 0x00 || data</c>.</summary>
    public static Hash32 Tagged(string tag, ReadOnlySpan<byte> data)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(System.Text.Encoding.ASCII.GetBytes(tag));
        sha.AppendData([0]);
        sha.AppendData(data);
        Span<byte> output = stackalloc byte[Hash32.Size];
        sha.GetHashAndReset(output);
        return new Hash32(output);
    }

    /// <summary>SHA-256 over <c>prefix || left || right</c>, for interior Merkle nodes.</summary>
    public static Hash32 Node(byte prefix, Hash32 left, Hash32 right)
    {
        Span<byte> buffer = stackalloc byte[1 + (2 * Hash32.Size)];
        buffer[0] = prefix;
        left.CopyTo(buffer[1..]);
        right.CopyTo(buffer[(1 + Hash32.Size)..]);
        return Sha256(buffer);
    }
}
