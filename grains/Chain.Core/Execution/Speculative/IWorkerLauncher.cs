namespace Chain.Core.Execution.Speculative;

/// <summary>Threads that are already running, or about to, and take a block's parallel work when it is handed to them.</summary>
internal interface IWorkerLauncher
{
    /// <summary>How many workers there are: <c>work</c> in <see cref="Launch"/> has one action per worker.</summary>
    int Count { get; }

    /// <summary>Worker <c>w</c> runs <c>work[w]</c>, if it ever starts: the caller must get by without any of them. Once per instance.</summary>
    void Launch(Action[] work);
}
