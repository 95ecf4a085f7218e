using Wasmtime;

namespace Chain.Contracts;

/// <summary>The host ABI v1 (docs/contracts.md): every import a module may declare, all in module <c>env</c>, with its exact type.</summary>
internal static class HostAbi
{
    public const string Module = "env";

    private static readonly ValueKind I32 = ValueKind.Int32;
    private static readonly ValueKind I64 = ValueKind.Int64;

    public static IReadOnlyDictionary<string, (ValueKind[] Parameters, ValueKind[] Results)> Imports { get; } =
        new Dictionary<string, (ValueKind[], ValueKind[])>(StringComparer.Ordinal)
        {
            ["input_len"] = ([], [I32]),
            ["input_read"] = ([I32], []),
            ["storage_read"] = ([I32, I32, I32, I32], [I32]),
            ["storage_write"] = ([I32, I32, I32, I32], []),
            ["storage_remove"] = ([I32, I32], [I32]),
            ["caller"] = ([I32], []),
            ["self_address"] = ([I32], []),
            ["value"] = ([], [I64]),
            ["balance"] = ([], [I64]),
            ["block_height"] = ([], [I64]),
            ["block_time"] = ([], [I64]),
            ["transfer"] = ([I32, I64], [I32]),
            ["call"] = ([I32, I32, I32, I32, I32, I64, I64], [I32]),
            ["call_async"] = ([I32, I32, I32, I32, I32, I64, I64, I32, I32, I64], [I32]),
            ["return_data_len"] = ([], [I32]),
            ["return_data_read"] = ([I32], []),
            ["emit_event"] = ([I32, I32, I32, I32], []),
            ["set_return"] = ([I32, I32], []),
            ["revert"] = ([I32, I32], []),
            ["gas_left"] = ([], [I64]),
            ["address_parse"] = ([I32, I32, I32], [I32]),
            ["address_format"] = ([I32, I32], [I32]),
            ["abort"] = ([I32, I32, I32, I32], []),
        };
}
