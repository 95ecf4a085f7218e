using Chain.Protocol.Transactions;
using Wasmtime;

namespace Chain.Contracts;

/// <summary>
/// Upload-time validation: size and static caps (<see cref="WasmSectionScanner"/>), then compilation under the
/// deterministic engine (which rejects disabled features: threads, SIMD, memory64, multi-memory, GC, exceptions, ...),
/// then imports (only <see cref="HostAbi"/>, exact types) and exports (<c>memory</c> within the page cap; <c>init</c>, if
/// present, of type <c>() -> ()</c>). Messages are this code's own, never Wasmtime's, because they land in receipts.
/// </summary>
internal static class ModuleValidator
{
    public static (LoadedModule? Module, string? Problem) Load(Engine engine, ReadOnlySpan<byte> code)
    {
        if (code.Length is 0 or > ContractLimits.MaxCodeBytes)
        {
            return (null, $"code must be 1 to {ContractLimits.MaxCodeBytes} bytes");
        }

        if (WasmSectionScanner.Check(code) is { } scanProblem)
        {
            return (null, scanProblem);
        }

        Module module;
        try
        {
            module = Module.FromBytes(engine, "contract", code);
        }
        catch (WasmtimeException)
        {
            return (null, "the module is malformed or uses a feature outside the allowed set");
        }

        IReadOnlySet<string> methods = new HashSet<string>();
        var hasInit = false;
        var problem = CheckImports(module) ?? CheckExports(module, out methods, out hasInit);
        if (problem is not null)
        {
            module.Dispose();
            return (null, problem);
        }

        return (new LoadedModule(module, methods, hasInit, code.Length), null);
    }

    private static string? CheckImports(Module module)
    {
        foreach (var import in module.Imports)
        {
            if (import is not FunctionImport function || import.ModuleName != HostAbi.Module
                || !HostAbi.Imports.TryGetValue(import.Name, out var type))
            {
                return $"import not allowed: {Printable(import.ModuleName)}.{Printable(import.Name)}";
            }

            if (!function.Parameters.SequenceEqual(type.Parameters) || !function.Results.SequenceEqual(type.Results))
            {
                return $"import env.{import.Name} has the wrong type";
            }
        }

        return null;
    }

    private static string? CheckExports(Module module, out IReadOnlySet<string> methods, out bool hasInit)
    {
        var callable = new HashSet<string>(StringComparer.Ordinal);
        methods = callable;
        hasInit = false;
        var memory = false;
        foreach (var export in module.Exports)
        {
            switch (export)
            {
                case MemoryExport m when export.Name == "memory":
                    if (m.Is64Bit || m.Minimum > RuntimeLimits.MaxMemoryPages)
                    {
                        return $"memory must be 32-bit with at most {RuntimeLimits.MaxMemoryPages} initial pages";
                    }

                    memory = true;
                    break;
                case FunctionExport f when export.Name == "init":
                    if (f.Parameters.Count != 0 || f.Results.Count != 0)
                    {
                        return "init must have type () -> ()";
                    }

                    hasInit = true;
                    break;
                case FunctionExport f when f.Parameters.Count == 0 && f.Results.Count == 0 && ContractLimits.IsCallableMethod(export.Name):
                    callable.Add(export.Name);
                    break;
                default:
                    break;
            }
        }

        return memory ? null : "the module must export its memory as \"memory\"";
    }

    private static string Printable(string text) =>
        text.Length <= 64 && text.All(c => c is >= ' ' and <= '~') ? text : "<non-printable>";
}
