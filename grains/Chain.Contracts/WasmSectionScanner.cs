namespace Chain.Contracts;

/// <summary>
/// Reads only the section headers, counts and local declarations of a wasm binary, so that the static caps (functions,
/// locals, imports, exports) are checked in time linear in the size before anything is compiled.
/// </summary>
internal static class WasmSectionScanner
{
    /// <summary>Null when the counts are within <see cref="RuntimeLimits"/>; otherwise what is wrong.</summary>
    public static string? Check(ReadOnlySpan<byte> wasm)
    {
        if (wasm.Length < 8 || !wasm[..8].SequenceEqual((ReadOnlySpan<byte>)[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]))
        {
            return "not a WebAssembly 1.0 binary";
        }

        var position = 8;
        while (position < wasm.Length)
        {
            var id = wasm[position++];
            if (!TryLeb(wasm, ref position, out var size) || size > (ulong)(wasm.Length - position))
            {
                return "malformed section header";
            }

            var section = wasm.Slice(position, (int)size);
            position += (int)size;
            var problem = id switch
            {
                2 => CheckCount(section, RuntimeLimits.MaxImports, "imports"),
                3 => CheckCount(section, RuntimeLimits.MaxFunctions, "functions"),
                7 => CheckCount(section, RuntimeLimits.MaxExports, "exports"),
                10 => CheckCode(section),
                _ => null,
            };
            if (problem is not null)
            {
                return problem;
            }
        }

        return null;
    }

    private static string? CheckCount(ReadOnlySpan<byte> section, int max, string what)
    {
        var p = 0;
        if (!TryLeb(section, ref p, out var count))
        {
            return $"malformed {what} section";
        }

        return count > (ulong)max ? $"{count} {what}, more than the limit {max}" : null;
    }

    private static string? CheckCode(ReadOnlySpan<byte> section)
    {
        var p = 0;
        if (!TryLeb(section, ref p, out var count) || count > RuntimeLimits.MaxFunctions)
        {
            return "malformed or oversized code section";
        }

        for (ulong i = 0; i < count; i++)
        {
            if (!TryLeb(section, ref p, out var bodySize) || bodySize > (ulong)(section.Length - p))
            {
                return "malformed function body";
            }

            var body = section.Slice(p, (int)bodySize);
            p += (int)bodySize;
            var q = 0;
            if (!TryLeb(body, ref q, out var groups))
            {
                return "malformed local declarations";
            }

            ulong locals = 0;
            for (ulong g = 0; g < groups; g++)
            {
                if (!TryLeb(body, ref q, out var n) || q >= body.Length)
                {
                    return "malformed local declarations";
                }

                q++; // the value type
                locals += Math.Min(n, uint.MaxValue);
                if (locals > RuntimeLimits.MaxLocalsPerFunction)
                {
                    return $"a function declares more than {RuntimeLimits.MaxLocalsPerFunction} locals";
                }
            }
        }

        return null;
    }

    private static bool TryLeb(ReadOnlySpan<byte> data, ref int position, out ulong value)
    {
        value = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            if (position >= data.Length)
            {
                return false;
            }

            var b = data[position++];
            value |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                return true;
            }
        }

        return false;
    }
}
