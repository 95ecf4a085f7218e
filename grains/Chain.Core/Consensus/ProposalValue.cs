using Chain.Protocol.Crypto;

namespace Chain.Core.Consensus;

/// <summary>
/// The value consensus agrees on: an opaque encoded block and its identity. <see cref="Hash"/> is the block
/// header hash, the hash that proposals, votes and the certificate sign. The host, not the machine, checks
/// that <see cref="Bytes"/> really hash to <see cref="Hash"/> before it hands a value in; the machine identifies
/// values by <see cref="Hash"/> alone. Two values are equal when both the hash and the bytes are equal.
/// </summary>
public sealed record ProposalValue(Hash32 Hash, byte[] Bytes)
{
    public bool Equals(ProposalValue? other) =>
        other is not null && Hash == other.Hash && Bytes.AsSpan().SequenceEqual(other.Bytes);

    public override int GetHashCode() => Hash.GetHashCode();
}
