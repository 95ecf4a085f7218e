using Wasmtime;

namespace Chain.Contracts;

/// <summary>A compiled, validated contract module: its callable methods (exports of type <c>() -> ()</c>) and whether it has <c>init</c>.</summary>
internal sealed class LoadedModule(Module module, IReadOnlySet<string> methods, bool hasInit, int codeLength)
{
    public Module Module { get; } = module;

    public IReadOnlySet<string> Methods { get; } = methods;

    public bool HasInit { get; } = hasInit;

    public int CodeLength { get; } = codeLength;
}
