using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace Chain.Contracts;

/// <summary>
/// Dedicated threads with <see cref="RuntimeLimits.ThreadStackBytes"/> stacks that run every contract execution. The
/// wasm stack lives on the calling thread's native stack; on a small thread (thread pool, Orleans) deep recursion could
/// overflow the native stack and kill the process instead of trapping. Callers block until their work is done.
/// </summary>
internal sealed class ContractThreads : IDisposable
{
    [ThreadStatic]
    private static bool t_isContractThread;

    private readonly BlockingCollection<Action> _work = [];
    private readonly Thread[] _threads;

    public ContractThreads(int count)
    {
        _threads = new Thread[count];
        for (var i = 0; i < count; i++)
        {
            _threads[i] = new Thread(Serve, RuntimeLimits.ThreadStackBytes) { IsBackground = true, Name = $"contract-{i}" };
            _threads[i].Start();
        }
    }

    public T Run<T>(Func<T> work)
    {
        if (t_isContractThread)
        {
            return work();
        }

        T result = default!;
        ExceptionDispatchInfo? error = null;
        using var done = new ManualResetEventSlim();
        _work.Add(() =>
        {
            try
            {
                result = work();
            }
#pragma warning disable CA1031 // rethrown on the calling thread
            catch (Exception e)
#pragma warning restore CA1031
            {
                error = ExceptionDispatchInfo.Capture(e);
            }
            finally
            {
                done.Set();
            }
        });
        done.Wait();
        error?.Throw();
        return result;
    }

    public void Dispose()
    {
        _work.CompleteAdding();
        foreach (var thread in _threads)
        {
            thread.Join();
        }

        _work.Dispose();
    }

    private void Serve()
    {
        t_isContractThread = true;
        foreach (var item in _work.GetConsumingEnumerable())
        {
            item();
        }
    }
}
