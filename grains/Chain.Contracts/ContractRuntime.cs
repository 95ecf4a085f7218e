using Wasmtime;

namespace Chain.Contracts;

/// <summary>
/// The process-wide Wasmtime pieces: one deterministic <see cref="Engine"/>, one Store-independent <see cref="Linker"/>
/// with the host ABI, and the compiled-module cache. Engine, Linker and modules are thread-safe; Stores are not and
/// live in one <see cref="ExecutionSession"/> each.
/// </summary>
internal sealed class ContractRuntime : IDisposable
{
    public ContractRuntime(int moduleCacheCapacity)
    {
        Engine = new Engine(DeterministicConfig());
        Linker = new Linker(Engine);
        HostFunctions.Define(Linker);
        Modules = new ModuleCache(Engine, moduleCacheCapacity);
    }

    public Engine Engine { get; }

    public Linker Linker { get; }

    public ModuleCache Modules { get; }

    /// <summary>
    /// Fuel is gas; NaNs are canonicalised so floats are deterministic; threads, SIMD (relaxed too), multi-memory,
    /// memory64, GC, function references, exceptions, tail calls, reference types and the component model are off;
    /// the wasm stack is capped (and contracts run on threads whose native stack is far larger). No epochs: gas alone
    /// bounds execution, and nothing wall-clock may decide a result.
    /// </summary>
    private static Config DeterministicConfig() => new Config()
        .WithFuelConsumption(true)
        .WithCraneliftNaNCanonicalization(true)
        .WithWasmThreads(false)
        .WithSIMD(false)
        .WithRelaxedSIMD(false, true)
        .WithMultiMemory(false)
        .WithMemory64(false)
        .WithGc(false)
        .WithFunctionReferences(false)
        .WithExceptions(false)
        .WithTailCalls(false)
        .WithReferenceTypes(false)
        .WithComponentModel(false)
        .WithBulkMemory(true)
        .WithMultiValue(true)
        .WithMaximumStackSize(RuntimeLimits.MaxWasmStackBytes)
        .WithCompilerStrategy(CompilerStrategy.Cranelift)
        .WithOptimizationLevel(OptimizationLevel.Speed);

    public void Dispose()
    {
        Linker.Dispose();
        Engine.Dispose();
    }
}
