using Chain.Protocol.Crypto;
using Chain.Protocol.Encoding;

namespace Chain.Protocol.Transactions;

/// <summary>
/// Deploys <see cref="Code"/> (a WebAssembly module) as a new contract at <c>ContractAddress.Derive(sender, nonce)</c>
/// and runs its optional <c>init</c> export with <see cref="InitArgs"/>. <see cref="Admin"/>, when present, may later
/// replace the code (<see cref="Upgrade"/>). Fields: <c>code bytes | initArgs bytes | hasAdmin u8 | [admin 20] | gasLimit u64</c>.
/// </summary>
public sealed record Deploy(byte[] Code, byte[] InitArgs, Address? Admin, ulong GasLimit) : TransactionPayload, IContractPayload
{
    public override PayloadKind Kind => PayloadKind.Deploy;

    internal override void WriteFields(CanonicalWriter writer)
    {
        writer.WriteBytes(Code);
        writer.WriteBytes(InitArgs);
        writer.WriteBool(Admin.HasValue);
        if (Admin is { } admin)
        {
            writer.WriteFixed(admin.ToArray());
        }

        writer.WriteU64(GasLimit);
    }

    internal static Deploy ReadFields(ref CanonicalReader reader)
    {
        var code = reader.ReadBytes(ContractLimits.MaxCodeBytes).ToArray();
        var args = reader.ReadBytes(ContractLimits.MaxArgsBytes).ToArray();
        Address? admin = reader.ReadBool() ? new Address(reader.ReadFixed(Address.Size)) : null;
        return new Deploy(code, args, admin, reader.ReadU64());
    }

    public bool Equals(Deploy? other) =>
        other is not null && Code.AsSpan().SequenceEqual(other.Code) && InitArgs.AsSpan().SequenceEqual(other.InitArgs)
        && Admin == other.Admin && GasLimit == other.GasLimit;

    public override int GetHashCode() => HashCode.Combine(Code.Length, InitArgs.Length, Admin, GasLimit);
}
