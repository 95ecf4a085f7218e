using Chain.Protocol.Crypto;
using Chain.Protocol.Encoding;

namespace Chain.Protocol.Transactions;

/// <summary>
/// Calls <see cref="Method"/> of the contract at <see cref="Contract"/> with <see cref="Args"/>, moving
/// <see cref="Value"/> native units from the sender to the contract first (undone if the call fails).
/// Fields: <c>contract 20 | method ascii (≤ 64) | args bytes | value u64 | gasLimit u64</c>.
/// </summary>
public sealed record Call(Address Contract, string Method, byte[] Args, ulong Value, ulong GasLimit) : TransactionPayload, IContractPayload
{
    public override PayloadKind Kind => PayloadKind.Call;

    internal override void WriteFields(CanonicalWriter writer)
    {
        writer.WriteFixed(Contract.ToArray());
        writer.WriteAscii(Method);
        writer.WriteBytes(Args);
        writer.WriteU64(Value);
        writer.WriteU64(GasLimit);
    }

    internal static Call ReadFields(ref CanonicalReader reader)
    {
        var contract = new Address(reader.ReadFixed(Address.Size));
        var method = reader.ReadAscii(ContractLimits.MaxMethodLength);
        var args = reader.ReadBytes(ContractLimits.MaxArgsBytes).ToArray();
        return new Call(contract, method, args, reader.ReadU64(), reader.ReadU64());
    }

    public bool Equals(Call? other) =>
        other is not null && Contract == other.Contract && string.Equals(Method, other.Method, StringComparison.Ordinal)
        && Args.AsSpan().SequenceEqual(other.Args) && Value == other.Value && GasLimit == other.GasLimit;

    public override int GetHashCode() => HashCode.Combine(Contract, Method, Args.Length, Value, GasLimit);
}
