using Chain.Protocol.Crypto;
using Chain.Protocol.Encoding;

namespace Chain.Protocol.Transactions;

/// <summary>
/// Replaces the code of the contract at <see cref="Contract"/> with <see cref="Code"/>; only the contract's admin may
/// send it. Storage and balance are kept; no code runs. Fields: <c>contract 20 | code bytes | gasLimit u64</c>.
/// </summary>
public sealed record Upgrade(Address Contract, byte[] Code, ulong GasLimit) : TransactionPayload, IContractPayload
{
    public override PayloadKind Kind => PayloadKind.Upgrade;

    internal override void WriteFields(CanonicalWriter writer)
    {
        writer.WriteFixed(Contract.ToArray());
        writer.WriteBytes(Code);
        writer.WriteU64(GasLimit);
    }

    internal static Upgrade ReadFields(ref CanonicalReader reader)
    {
        var contract = new Address(reader.ReadFixed(Address.Size));
        var code = reader.ReadBytes(ContractLimits.MaxCodeBytes).ToArray();
        return new Upgrade(contract, code, reader.ReadU64());
    }

    public bool Equals(Upgrade? other) =>
        other is not null && Contract == other.Contract && Code.AsSpan().SequenceEqual(other.Code) && GasLimit == other.GasLimit;

    public override int GetHashCode() => HashCode.Combine(Contract, Code.Length, GasLimit);
}
