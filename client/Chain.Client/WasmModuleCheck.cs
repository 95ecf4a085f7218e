using Chain.Protocol.Transactions;

namespace Chain.Client;

/// <summary>
/// The client's cheap check of a contract module before it is sent: the WebAssembly header, a size the protocol
/// accepts, and a top-level section structure that is well formed. The node validates fully at deploy (features,
/// imports, exports, limits: docs/contracts.md) and answers <c>InvalidModule</c>; this check only saves a fee on
/// a file that is plainly not a module, without bringing Wasmtime's native library into the client.
/// </summary>
public static class WasmModuleCheck
{
    private static ReadOnlySpan<byte> Header => [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

    /// <summary>Null when <paramref name="code"/> looks like a WebAssembly 1.0 module; otherwise what is wrong.</summary>
    public static string? Problem(ReadOnlySpan<byte> code)
    {
        if (code.Length > ContractLimits.MaxCodeBytes)
        {
            return $"the module is {code.Length} bytes; the limit is {ContractLimits.MaxCodeBytes}";
        }

        if (code.Length < Header.Length || !code[..Header.Length].SequenceEqual(Header))
        {
            return "not a WebAssembly 1.0 binary module (it must start with \\0asm and version 1; convert .wat text with `wat2wasm` first)";
        }

        var at = Header.Length;
        while (at < code.Length)
        {
            at++; // section id
            if (!TryReadU32(code, ref at, out var size) || size > (uint)(code.Length - at))
            {
                return $"the module is truncated or malformed near byte {at}";
            }

            at += (int)size;
        }

        return null;
    }

    private static bool TryReadU32(ReadOnlySpan<byte> code, ref int at, out uint value)
    {
        value = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            if (at >= code.Length)
            {
                return false;
            }

            var b = code[at++];
            value |= (uint)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                return true;
            }
        }

        return false;
    }
}
