using Chain.Protocol.Crypto;
using Chain.Protocol.Encoding;
using Chain.Protocol.Transactions;

namespace Chain.Protocol.Blocks;

/// <summary>An event a contract emitted in a frame that committed: <c>contract 20 | topic bytes (≤ 64, UTF-8) | data bytes (≤ 16 KiB)</c>.</summary>
public sealed record ContractEvent(Address Contract, byte[] Topic, byte[] Data)
{
    /// <summary>The length of <see cref="Write"/>'s output.</summary>
    internal int EncodedLength => Address.Size + 4 + Topic.Length + 4 + Data.Length;

    internal void Write(CanonicalWriter w)
    {
        w.WriteFixed(Contract.ToArray());
        w.WriteBytes(Topic);
        w.WriteBytes(Data);
    }

    internal static ContractEvent Read(ref CanonicalReader r) =>
        new(new Address(r.ReadFixed(Address.Size)), r.ReadBytes(ContractLimits.MaxTopicBytes).ToArray(), r.ReadBytes(ContractLimits.MaxEventDataBytes).ToArray());

    public bool Equals(ContractEvent? other) =>
        other is not null && Contract == other.Contract && Topic.AsSpan().SequenceEqual(other.Topic) && Data.AsSpan().SequenceEqual(other.Data);

    public override int GetHashCode() => HashCode.Combine(Contract, Topic.Length, Data.Length);
}
