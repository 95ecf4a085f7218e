using Chain.Protocol.Blocks;

namespace Chain.Protocol.Sharding;

/// <summary>
/// The contract part of a call or callback receipt (docs/protocol.md §13.3, encoding version 2).
/// A call carries the callee's <see cref="Method"/>, its <see cref="GasLimit"/> (prepaid by the calling transaction), the caller's
/// <see cref="Callback"/> method (empty: none) and that callback's prepaid <see cref="CallbackGas"/>, status 0, and the arguments
/// as <see cref="Data"/>. A callback carries the method to run on the caller (the call's callback name; empty: none), its gas, no
/// callback of its own (empty, 0), the call's <see cref="Status"/> (0 ok, else the <see cref="ReceiptStatus"/> it failed with),
/// and the callee's return data (ok) or failure reason as <see cref="Data"/>.
/// Encoding: <c>method ascii (≤ 64) | gasLimit u64 | callback ascii (≤ 64) | callbackGas u64 | status u8 | data bytes (≤ 64 KiB)</c>.
/// </summary>
public sealed record ContractMessage(string Method, ulong GasLimit, string Callback, ulong CallbackGas, ReceiptStatus Status, byte[] Data)
{
    /// <summary>The encoded length: <c>1 + |method| + 8 + 1 + |callback| + 8 + 1 + 4 + |data|</c>.</summary>
    public int EncodedLength => 1 + Method.Length + 8 + 1 + Callback.Length + 8 + 1 + 4 + Data.Length;

    /// <summary>The largest encoding: both names at the limit and the largest data.</summary>
    public const int MaxEncodedLength = 1 + Transactions.ContractLimits.MaxMethodLength + 8 + 1 + Transactions.ContractLimits.MaxMethodLength + 8 + 1 + 4 + ProtocolLimits.MaxContractReceiptDataBytes;

    public bool Equals(ContractMessage? other) =>
        other is not null && string.Equals(Method, other.Method, StringComparison.Ordinal) && GasLimit == other.GasLimit
        && string.Equals(Callback, other.Callback, StringComparison.Ordinal) && CallbackGas == other.CallbackGas && Status == other.Status
        && Data.AsSpan().SequenceEqual(other.Data);

    public override int GetHashCode() => HashCode.Combine(Method, GasLimit, Callback, CallbackGas, Status, Data.Length);

    internal void Write(Encoding.CanonicalWriter w)
    {
        w.WriteAscii(Method);
        w.WriteU64(GasLimit);
        w.WriteAscii(Callback);
        w.WriteU64(CallbackGas);
        w.WriteU8((byte)Status);
        w.WriteBytes(Data);
    }

    internal static ContractMessage Read(ref Encoding.CanonicalReader r, ShardReceiptKind kind)
    {
        var method = r.ReadAscii(Transactions.ContractLimits.MaxMethodLength);
        var gas = r.ReadU64();
        var callback = r.ReadAscii(Transactions.ContractLimits.MaxMethodLength);
        var callbackGas = r.ReadU64();
        var status = r.ReadU8();
        if (!Enum.IsDefined((ReceiptStatus)status))
        {
            throw new Encoding.DecodeException($"unknown call status {status}");
        }

        var data = r.ReadBytes(ProtocolLimits.MaxContractReceiptDataBytes).ToArray();
        if (kind == ShardReceiptKind.Call && status != 0)
        {
            throw new Encoding.DecodeException("a call receipt carries status 0");
        }

        if (kind == ShardReceiptKind.Callback && (callback.Length != 0 || callbackGas != 0))
        {
            throw new Encoding.DecodeException("a callback receipt names no callback of its own");
        }

        return new ContractMessage(method, gas, callback, callbackGas, (ReceiptStatus)status, data);
    }
}
