using System.Text;
using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;
using Wasmtime;

namespace Chain.Contracts;

/// <summary>
/// The host ABI v1 imports (docs/contracts.md), defined once on a Store-independent Linker. Each charges
/// <see cref="GasSchedule.HostCall"/> plus its own cost through <see cref="Caller.Fuel"/> before doing any work, checks
/// every pointer and length against the memory, and fails the frame with a typed <see cref="ContractFailure"/>.
/// </summary>
internal static partial class HostFunctions
{
    public static void Define(Linker linker)
    {
        const string env = HostAbi.Module;
        linker.DefineFunction(env, "input_len", (Caller c) => InputLen(c));
        linker.DefineFunction(env, "input_read", (Caller c, int ptr) => InputRead(c, ptr));
        linker.DefineFunction(env, "storage_read", (Caller c, int k, int kl, int o, int oc) => StorageRead(c, k, kl, o, oc));
        linker.DefineFunction(env, "storage_write", (Caller c, int k, int kl, int v, int vl) => StorageWrite(c, k, kl, v, vl));
        linker.DefineFunction(env, "storage_remove", (Caller c, int k, int kl) => StorageRemove(c, k, kl));
        linker.DefineFunction(env, "caller", (Caller c, int ptr) => WriteAddress(c, ptr, Frame(c).Caller));
        linker.DefineFunction(env, "self_address", (Caller c, int ptr) => WriteAddress(c, ptr, Frame(c).Contract));
        linker.DefineFunction(env, "value", (Caller c) => Simple(c, (long)Frame(c).Value));
        linker.DefineFunction(env, "balance", (Caller c) => Balance(c));
        linker.DefineFunction(env, "block_height", (Caller c) => Simple(c, (long)Session(c).Context.Height));
        linker.DefineFunction(env, "block_time", (Caller c) => Simple(c, Session(c).Context.TimeUnixMs));
        linker.DefineFunction(env, "transfer", (Caller c, int to, long amount) => Transfer(c, to, amount));
        linker.DefineFunction(env, "call", (Caller c, int a, int m, int ml, int p, int pl, long v, long g) => CallContract(c, a, m, ml, p, pl, v, g));
        linker.DefineFunction(env, "call_async", (Caller c, int a, int m, int ml, int p, int pl, long v, long g, int cb, int cbl, long cg) => CallAsync(c, a, m, ml, p, pl, v, g, cb, cbl, cg));
        linker.DefineFunction(env, "return_data_len", (Caller c) => (int)Simple(c, Frame(c).LastCallData.Length));
        linker.DefineFunction(env, "return_data_read", (Caller c, int ptr) => ReturnDataRead(c, ptr));
        linker.DefineFunction(env, "emit_event", (Caller c, int t, int tl, int d, int dl) => EmitEvent(c, t, tl, d, dl));
        linker.DefineFunction(env, "set_return", (Caller c, int ptr, int len) => SetReturn(c, ptr, len));
        linker.DefineFunction(env, "revert", (Caller c, int ptr, int len) => Revert(c, ptr, len));
        linker.DefineFunction(env, "gas_left", (Caller c) => GasLeft(c));
        linker.DefineFunction(env, "address_parse", (Caller c, int t, int tl, int o) => AddressParse(c, t, tl, o));
        linker.DefineFunction(env, "address_format", (Caller c, int a, int o) => AddressFormat(c, a, o));
        linker.DefineFunction(env, "abort", (Caller c, int msg, int file, int line, int col) => Abort(c, msg, file, line, col));
    }

    internal static ExecutionSession Session(Caller c) => (ExecutionSession)c.GetData()!;

    internal static CallFrame Frame(Caller c) => Session(c).Current!;

    internal static void Charge(Caller c, ulong amount)
    {
        var fuel = c.Fuel;
        if (fuel < amount)
        {
            c.Fuel = 0;
            throw new ContractFailure(ReceiptStatus.OutOfGas, "out of gas");
        }

        c.Fuel = fuel - amount;
    }

    internal static ulong PerByte(ulong cost, int count) => cost * (ulong)Math.Max(count, 0);

    internal static Span<byte> Span(Caller c, int ptr, int length)
    {
        var memory = c.GetMemory("memory") ?? throw new ContractFailure(ReceiptStatus.Trapped, "trap: the module has no memory");
        if (ptr < 0 || length < 0 || (long)ptr + length > memory.GetLength())
        {
            throw new ContractFailure(ReceiptStatus.Trapped, "trap: MemoryOutOfBounds");
        }

        return memory.GetSpan(ptr, length);
    }

    internal static byte[] ReadBytes(Caller c, int ptr, int length) => Span(c, ptr, length).ToArray();

    internal static void RequireWritable(Caller c)
    {
        if (Session(c).ReadOnly)
        {
            throw new ContractFailure(ReceiptStatus.ReadOnlyViolation, "read-only");
        }
    }

    internal static void Limit(bool ok, string what)
    {
        if (!ok)
        {
            throw new ContractFailure(ReceiptStatus.LimitExceeded, what);
        }
    }

    private static long Simple(Caller c, long result)
    {
        Charge(c, GasSchedule.HostCall);
        return result;
    }

    private static int InputLen(Caller c)
    {
        Charge(c, GasSchedule.HostCall);
        return Frame(c).Input.Length;
    }

    private static void InputRead(Caller c, int ptr)
    {
        var input = Frame(c).Input;
        Charge(c, GasSchedule.HostCall + PerByte(GasSchedule.CopyPerByte, input.Length));
        input.CopyTo(Span(c, ptr, input.Length));
    }

    private static void WriteAddress(Caller c, int ptr, Address address)
    {
        Charge(c, GasSchedule.HostCall + PerByte(GasSchedule.CopyPerByte, Address.Size));
        address.CopyTo(Span(c, ptr, Address.Size));
    }

    private static void ReturnDataRead(Caller c, int ptr)
    {
        var data = Frame(c).LastCallData;
        Charge(c, GasSchedule.HostCall + PerByte(GasSchedule.CopyPerByte, data.Length));
        data.CopyTo(Span(c, ptr, data.Length));
    }

    private static void SetReturn(Caller c, int ptr, int length)
    {
        Limit(length is >= 0 and <= Protocol.Transactions.ContractLimits.MaxReturnBytes, "return data too large");
        Charge(c, GasSchedule.HostCall + PerByte(GasSchedule.CopyPerByte, length));
        Frame(c).ReturnData = ReadBytes(c, ptr, length);
    }

    private static void Revert(Caller c, int ptr, int length)
    {
        var kept = Math.Clamp(length, 0, Protocol.Transactions.ContractLimits.MaxMessageBytes);
        Charge(c, GasSchedule.HostCall + PerByte(GasSchedule.CopyPerByte, kept));
        throw new ContractFailure(ReceiptStatus.Reverted, Encoding.UTF8.GetString(Span(c, ptr, kept)));
    }

    private static long GasLeft(Caller c)
    {
        Charge(c, GasSchedule.HostCall);
        return (long)c.Fuel;
    }

    private static int AddressParse(Caller c, int textPtr, int textLength, int outPtr)
    {
        Charge(c, GasSchedule.HostCall + GasSchedule.AddressCodec + PerByte(GasSchedule.CopyPerByte, textLength));
        if (textLength is < 0 or > 90)
        {
            return 1;
        }

        var text = Encoding.ASCII.GetString(Span(c, textPtr, textLength));
        if (!Address.TryParse(text, out var address, out _))
        {
            return 1;
        }

        address.CopyTo(Span(c, outPtr, Address.Size));
        return 0;
    }

    private static int AddressFormat(Caller c, int addressPtr, int outPtr)
    {
        Charge(c, GasSchedule.HostCall + GasSchedule.AddressCodec);
        var text = Encoding.ASCII.GetBytes(new Address(Span(c, addressPtr, Address.Size)).ToString());
        text.CopyTo(Span(c, outPtr, text.Length));
        return text.Length;
    }

    /// <summary>AssemblyScript's abort: strings are UTF-16LE with their byte length in the 4 bytes before the pointer.</summary>
    private static void Abort(Caller c, int messagePtr, int filePtr, int line, int column)
    {
        Charge(c, GasSchedule.HostCall);
        var message = $"abort: {AsString(c, messagePtr)} at {AsString(c, filePtr)}:{line}:{column}";
        throw new ContractFailure(ReceiptStatus.Reverted, message);
    }

    private static string AsString(Caller c, int ptr)
    {
        if (ptr < 4)
        {
            return string.Empty;
        }

        var length = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(Span(c, ptr - 4, 4));
        var kept = Math.Clamp(length, 0, 512) & ~1;
        Charge(c, PerByte(GasSchedule.CopyPerByte, kept));
        return Encoding.Unicode.GetString(Span(c, ptr, kept));
    }
}
