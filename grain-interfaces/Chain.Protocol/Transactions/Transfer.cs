using Chain.Protocol.Crypto;
using Chain.Protocol.Encoding;

namespace Chain.Protocol.Transactions;

/// <summary>Moves <see cref="Amount"/> native units from the sender to <see cref="To"/>, with an optional memo.</summary>
public sealed record Transfer(Address To, ulong Amount, byte[] Memo) : TransactionPayload
{
    public Transfer(Address to, ulong amount)
        : this(to, amount, [])
    {
    }

    public override PayloadKind Kind => PayloadKind.Transfer;

    internal override void WriteFields(CanonicalWriter writer)
    {
        Span<byte> to = stackalloc byte[Address.Size];
        To.CopyTo(to);
        writer.WriteFixed(to);
        writer.WriteU64(Amount);
        writer.WriteBytes(Memo);
    }

    internal static Transfer ReadFields(ref CanonicalReader reader)
    {
        var to = new Address(reader.ReadFixed(Address.Size));
        var amount = reader.ReadU64();
        var memo = reader.ReadBytes(ProtocolLimits.MaxMemoBytes).ToArray();
        return new Transfer(to, amount, memo);
    }

    public bool Equals(Transfer? other) =>
        other is not null && To == other.To && Amount == other.Amount && Memo.AsSpan().SequenceEqual(other.Memo);

    public override int GetHashCode() => HashCode.Combine(To, Amount, Memo.Length);
}
