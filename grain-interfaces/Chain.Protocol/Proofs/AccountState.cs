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

    public byte[] Encode()
    {
        var w = new CanonicalWriter(EncodedSize);
        w.WriteU64(Balance);
        w.WriteU64(Nonce);
        return w.ToArray();
    }

    public static AccountState Decode(ReadOnlySpan<byte> bytes)
    {
        var r = new CanonicalReader(bytes);
        var state = new AccountState(r.ReadU64(), r.ReadU64());
        r.EnsureEnd();
        return state;
    }
}
