namespace Chain.Core.Execution.Speculative;

/// <summary>
/// Where each worker of a block's parallel phase stands, one int per worker: not joined yet, joined, left, or kept out (the
/// block was done without it). A worker that joins late finds itself kept out and does nothing; the caller never waits for
/// one that has not joined, only (spinning, briefly) for those that have.
/// </summary>
internal static class WorkerRoster
{
    public const int Unjoined = 0;
    public const int Joined = 1;
    public const int Left = 2;
    public const int Barred = 3;

    /// <summary>Starts <paramref name="work"/> (one action per worker) on <paramref name="launcher"/>'s threads if it has that many, else on the thread pool.</summary>
    public static void Start(IWorkerLauncher? launcher, Action[] work)
    {
        if (launcher?.Count == work.Length)
        {
            launcher.Launch(work);
            return;
        }

        foreach (var w in work)
        {
            // The default scheduler explicitly: under Orleans the current scheduler is the activation's, which is single-threaded.
            _ = Task.Factory.StartNew(w, CancellationToken.None, TaskCreationOptions.DenyChildAttach, TaskScheduler.Default);
        }
    }

    /// <summary>Worker <paramref name="worker"/> joins; false if it was kept out (it must then do nothing).</summary>
    public static bool TryJoin(int[] roster, int worker) => Interlocked.CompareExchange(ref roster[worker], Joined, Unjoined) == Unjoined;

    public static void Leave(int[] roster, int worker) => Volatile.Write(ref roster[worker], Left);

    /// <summary>Keeps worker <paramref name="worker"/> out if it has not joined; true if it has joined and not left.</summary>
    public static bool KeepOutUnlessJoined(int[] roster, int worker) => Interlocked.CompareExchange(ref roster[worker], Barred, Unjoined) == Joined;

    /// <summary>Keeps out the workers that have not joined, and waits (spinning: they are at their last steps) for the others to leave.</summary>
    public static void WaitForAll(int[] roster)
    {
        for (var w = 0; w < roster.Length; w++)
        {
            if (Interlocked.CompareExchange(ref roster[w], Barred, Unjoined) is Unjoined or Barred)
            {
                continue;
            }

            var spinner = default(SpinWait);
            while (Volatile.Read(ref roster[w]) != Left)
            {
                spinner.SpinOnce(sleep1Threshold: -1);
            }
        }
    }
}
