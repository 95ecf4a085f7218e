using Chain.Protocol.Crypto;
using Wasmtime;

namespace Chain.Contracts;

/// <summary>
/// Compiled modules by code hash, least recently used evicted past <c>capacity</c>. Thread-safe. Compilation (about
/// 1 ms per KiB) happens outside the lock; two threads may compile the same module once each, which is harmless.
/// Evicted modules are not disposed: a Store on another thread may still use them; the finalizer frees them.
/// Only code that passed validation at deploy is stored in state, so a load failure here is an invariant break.
/// </summary>
internal sealed class ModuleCache(Engine engine, int capacity)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<Hash32, LinkedListNode<(Hash32 Hash, LoadedModule Module)>> _entries = [];
    private readonly LinkedList<(Hash32 Hash, LoadedModule Module)> _recent = new();

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>The module for <paramref name="hash"/>, compiling <paramref name="code"/> on a miss; a problem when it does not validate.</summary>
    public (LoadedModule? Module, string? Problem) GetOrLoad(Hash32 hash, ReadOnlySpan<byte> code)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(hash, out var node))
            {
                _recent.Remove(node);
                _recent.AddFirst(node);
                return (node.Value.Module, null);
            }
        }

        var (module, problem) = ModuleValidator.Load(engine, code);
        if (module is null)
        {
            return (null, problem);
        }

        lock (_lock)
        {
            if (_entries.TryGetValue(hash, out var existing))
            {
                return (existing.Value.Module, null);
            }

            _entries[hash] = _recent.AddFirst((hash, module));
            while (_entries.Count > capacity)
            {
                var last = _recent.Last!;
                _recent.RemoveLast();
                _entries.Remove(last.Value.Hash);
            }
        }

        return (module, null);
    }
}
