using System.Diagnostics;

namespace Chain.Core.Execution.Speculative;

/// <summary>
/// The worker threads of a block's parallel transaction phase, started when the block starts. Waking a pool thread took
/// about 40 µs on the 2-core benchmark machine (its core idle) after 15 µs of the caller's time to queue it: started when
/// the transaction phase started, the worker joined a 1.3 ms phase that late. Started first, the wake-up overlaps the
/// begin step (the caller still queues them, before it), and each worker waits for the work it is given, or for
/// <see cref="Dispose"/>.
/// <para>A worker spins for its work (up to <see cref="SpinLimit"/>) before it blocks: the begin step takes tens of
/// microseconds, and a worker that blocked must be woken again, which costs the same 40 µs on an idle core and, on a
/// machine busy with other processes, often more than the whole phase (measured at a load average of 4: the worker's
/// median start 1.4 ms after the phase began, at 1,000 accounts, where the phase takes about 1 ms). The spin yields
/// (<see cref="Thread.Yield"/>, <c>Thread.Sleep(0)</c>) between checks, so it does not keep a runnable thread off the core.
/// Only when the worker starts depends on time, never what the block computes.</para>
/// </summary>
internal sealed class PrestartedWorkers : IWorkerLauncher, IDisposable
{
    private static readonly long SpinLimit = Stopwatch.Frequency / 2_000; // 0.5 ms

    private readonly TaskCompletionSource<Action[]?> _work = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task[] _tasks;

    public PrestartedWorkers(int count)
    {
        _tasks = new Task[count];
        for (var w = 0; w < count; w++)
        {
            var worker = w;
            // The default scheduler explicitly: under Orleans the current scheduler is the activation's, which is single-threaded.
            _tasks[w] = Task.Factory.StartNew(() => Wait(worker), CancellationToken.None, TaskCreationOptions.DenyChildAttach, TaskScheduler.Default);
        }
    }

    public int Count => _tasks.Length;

    public void Launch(Action[] work) => _work.SetResult(work);

    /// <summary>Workers that were given nothing (the block ended before its transaction phase) stop.</summary>
    public void Dispose() => _work.TrySetResult(null);

    private void Wait(int worker)
    {
        var task = _work.Task;
        var spinner = default(SpinWait);
        var until = Stopwatch.GetTimestamp() + SpinLimit;
        while (!task.IsCompleted && Stopwatch.GetTimestamp() < until)
        {
            spinner.SpinOnce(sleep1Threshold: -1);
        }

        if (task.GetAwaiter().GetResult() is { } work)
        {
            work[worker]();
        }
    }
}
