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

    /// <summary>SHA-256 over <c>tag || 0x00 || data</c>. One-shot over one buffer: it runs for every address,
    /// transaction and header, so it avoids a hash context and the tag's encoding per call.</summary>
    public static Hash32 Tagged(string tag, ReadOnlySpan<byte> data)
    {
        var length = tag.Length + 1 + data.Length;
        byte[]? rented = null;
        var buffer = length <= 512 ? stackalloc byte[length] : (rented = System.Buffers.ArrayPool<byte>.Shared.Rent(length)).AsSpan(0, length);
        try
        {
            for (var i = 0; i < tag.Length; i++)
            {
                // Tags are ASCII constants (HashTags).
                buffer[i] = checked((byte)tag[i]);
            }

            buffer[tag.Length] = 0;
            data.CopyTo(buffer[(tag.Length + 1)..]);
            return Sha256(buffer);
        }
        finally
        {
            if (rented is not null)
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(rented);
            }
        }
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
