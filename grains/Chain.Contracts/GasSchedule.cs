namespace Chain.Contracts;

/// <summary>
/// What contract execution costs, in gas (1 gas = 1 Wasmtime fuel unit). Wasm instructions cost Wasmtime's fuel
/// (1 per operator, 0 for nop/drop/block/loop, about 1 per byte of bulk memory); everything below is charged by the
/// host on top. A consensus table: changing a number changes gas used, receipts and state roots (docs/contracts.md).
/// </summary>
public static class GasSchedule
{
    public const ulong DeployBase = 100_000;
    public const ulong DeployPerCodeByte = 20;
    public const ulong UpgradeBase = 50_000;
    public const ulong UpgradePerCodeByte = 20;
    public const ulong CallBase = 20_000;

    /// <summary>Loading and instantiating a contract (top-level or nested), per byte of its code.</summary>
    public const ulong LoadPerCodeByte = 1;

    /// <summary>Every host function call, before its own cost.</summary>
    public const ulong HostCall = 100;

    /// <summary>Per byte copied between wasm memory and the host (input, return data, messages, addresses, keys).</summary>
    public const ulong CopyPerByte = 1;

    public const ulong StorageReadBase = 2_000;
    public const ulong StorageReadPerByte = 10;
    public const ulong StorageWriteBase = 5_000;

    /// <summary>Per byte of key plus value written: every stored byte is paid.</summary>
    public const ulong StorageWritePerByte = 100;
    public const ulong StorageRemoveBase = 2_500;
    public const ulong StorageRemovePerByte = 10;
    public const ulong BalanceRead = 500;
    public const ulong Transfer = 10_000;
    public const ulong NestedCallBase = 20_000;

    /// <summary>
    /// <c>call_async</c>, before the per-byte copy and the prepaid gas (the callee's and the callback's limits, charged in full
    /// here: the remote runs are paid by this transaction and unused gas is not refunded). Covers the receipt's state writes.
    /// </summary>
    public const ulong AsyncCallBase = 40_000;
    public const ulong EventBase = 2_000;
    public const ulong EventPerByte = 20;
    public const ulong AddressCodec = 1_000;
}
