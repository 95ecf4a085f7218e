namespace Chain.Contracts;

/// <summary>Caps the runtime enforces (docs/contracts.md). All are deterministic: counts and sizes, never time.</summary>
public static class RuntimeLimits
{
    /// <summary>Linear memory per instance: 256 pages of 64 KiB (16 MiB). <c>memory.grow</c> past it returns −1.</summary>
    public const int MaxMemoryPages = 256;
    public const uint MaxTableElements = 10_000;

    /// <summary>Contract frames on the stack: the top-level call is depth 1.</summary>
    public const int MaxCallDepth = 8;

    /// <summary>Instances one transaction may create (every frame instantiates its contract afresh).</summary>
    public const int MaxInstances = 16;

    /// <summary>The wasm stack of one transaction (all nested frames share it; same Store).</summary>
    public const int MaxWasmStackBytes = 512 * 1024;

    /// <summary>Native stack of the threads that run contracts: far above the wasm stack, so overflow always traps.</summary>
    public const int ThreadStackBytes = 16 * 1024 * 1024;

    public const int MaxFunctions = 10_000;
    public const int MaxLocalsPerFunction = 1_024;
    public const int MaxExports = 256;
    public const int MaxImports = 64;
}
