using System.Buffers.Binary;
using Chain.Protocol.Encoding;

namespace Chain.Protocol.Proofs;

/// <summary>
/// An account's value in the state tree: <c>balance u64 | nonce u64</c>. An account that was never
/// touched has no leaf; it reads as balance 0, nonce 0.
/// </summary>
public sealed record AccountState(ulong Balance, ulong Nonce)
{
    public const int EncodedSize = 16;

    public static AccountState Empty { get; } = new(0, 0);

    /// <summary>The canonical encoding (two little-endian u64), written straight into the one array it allocates: execution encodes every account it writes.</summary>
    public byte[] Encode()
    {
        var bytes = new byte[EncodedSize];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, Balance);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(sizeof(ulong)), Nonce);
        return bytes;
    }

    public static AccountState Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == EncodedSize)
        {
            return new AccountState(BinaryPrimitives.ReadUInt64LittleEndian(bytes), BinaryPrimitives.ReadUInt64LittleEndian(bytes[sizeof(ulong)..]));
        }

        // Any other length is malformed: the canonical reader says how.
        var r = new CanonicalReader(bytes);
        var state = new AccountState(r.ReadU64(), r.ReadU64());
        r.EnsureEnd();
        return state;
    }
}
