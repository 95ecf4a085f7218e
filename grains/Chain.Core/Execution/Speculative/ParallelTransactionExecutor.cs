using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;
using Chain.Core.State;
using Chain.Protocol.Proofs;
using Chain.Protocol.Transactions;

namespace Chain.Core.Execution.Speculative;

/// <summary>
/// The transaction phase of a block on several threads, with the result of sequential execution, always.
/// <para>Every thread (the caller and <c>parallelism - 1</c> workers) runs the same loop: commit whatever is ready,
/// else claim the next few transactions in index order (a chunk) and execute them speculatively over a
/// <see cref="VersionedStore"/> of committed versions, each into a <see cref="TransactionView"/> (read set: key →
/// value seen; write set). Views are
/// reused: a ring of them, indexed by transaction index, covers the window ahead of the commit point, so executing
/// a transaction allocates no view, entry or version object.
/// Committing is serial and in order, under a try-lock that whichever thread is free takes: the holder validates the
/// next transaction's read set against the versions now committed (all lower indices are), re-executes it in place
/// when a read is stale (no other thread publishes meanwhile, so that execution is final), publishes its writes as
/// the new committed values, and moves on until it meets a transaction still being executed. Nobody waits
/// on a particular thread: a thread that cannot commit speculates, and speculation stays within a window ahead of
/// the commit point, where reads are likely to still be valid.</para>
/// <para>Hot accounts: when more than half of a window of speculative results fail validation, speculation stops and
/// the rest of the block runs on the sequential path (<see cref="TransactionExecutor"/> over the overlay), so an
/// all-conflicting block costs one window of wasted speculation. The proposer's fee is deferred and summed
/// (<see cref="TransactionView.DeferredFee"/>) instead of being a read-write conflict of every transaction.</para>
/// <para>Nothing nondeterministic reaches the result: outcomes are decided in index order, one at a time, the sink
/// sees them in order (from whichever thread holds the lock), the write set is sorted by key (handed to the overlay sorted), and
/// which thread executed what only changes how much work was wasted. The committed reader must allow concurrent
/// <see cref="IStateReader.Get"/> calls.</para>
/// </summary>
internal sealed class ParallelTransactionExecutor : IDisposable
{
    private const int Unclaimed = 0;
    private const int Speculating = 1;
    private const int Speculated = 2;
    private const int AbortWindow = 32;
    private const int Chunk = 16;

    /// <summary>Ints from one chunk's claim flags to the next: a cache line's worth of gap after each chunk's, so no line holds two chunks' flags.</summary>
    private const int ClaimStride = Chunk + (64 / sizeof(int));


    private readonly StateOverlay _overlay;
    private readonly BlockContext _context;
    private readonly SignedTransaction[] _transactions;
    private readonly bool[] _executable;
    private readonly int _parallelism;
    private readonly VersionedStore _store;
    private readonly byte[] _proposerKey;
    private readonly int[] _claims;
    private readonly TransactionView[] _views;
    private readonly int _viewMask;
    private readonly TransactionView _inPlace;
    private readonly int _lookahead;
    private readonly ITransactionSink _sink;
    private readonly int[] _workers;
    private volatile bool _done;
    private Exception? _failure;

    // The counters that threads write, each on its own cache line (see Shared).
    private Shared _shared;

    // Read and written only by the holder of the commit lock.
    private readonly WriteSetSorter _written = new();

    private ParallelTransactionExecutor(StateOverlay overlay, BlockContext context, IReadOnlyList<SignedTransaction> transactions, bool[] executable, int parallelism, ITransactionSink sink)
    {
        _overlay = overlay;
        _context = context;
        _transactions = [.. transactions];
        _executable = executable;
        _parallelism = parallelism;
        _sink = sink;
        _workers = new int[parallelism - 1];
        _store = new VersionedStore(overlay, 3 * _transactions.Length);
        _proposerKey = StateKeys.Account(context.Proposer);
        var claimLength = ((_transactions.Length + Chunk - 1) / Chunk) * ClaimStride;
        _claims = ArrayPool<int>.Shared.Rent(claimLength);
        Array.Clear(_claims, 0, claimLength);
        _lookahead = Math.Max(32, 16 * parallelism);

        // A claimed index is less than _lookahead + parallelism * Chunk past the commit point (each thread checks the
        // window, then claims a chunk), so the view of index i - _views.Length is committed, and free, by the time i is claimed.
        _views = new TransactionView[(int)BitOperations.RoundUpToPowerOf2((uint)(_lookahead + (parallelism * Chunk) + 1))];
        for (var v = 0; v < _views.Length; v++)
        {
            _views[v] = new TransactionView(_store, context.Proposer, _proposerKey);
        }

        _viewMask = _views.Length - 1;
        _inPlace = new TransactionView(_store, context.Proposer, _proposerKey);
        _shared.ResumeSequentiallyAt = -1;
    }

    /// <summary>
    /// Runs <paramref name="transactions"/> over <paramref name="overlay"/> (the state after the begin step) and leaves
    /// their writes in it, exactly as <see cref="TransactionExecutor.Apply"/> in order would. Transactions whose
    /// <paramref name="executable"/> flag is false are never executed (the sink decides what they mean).
    /// </summary>
    /// <param name="prestarted">Workers started for this phase (<paramref name="parallelism"/> - 1 of them), or null to start them here.</param>
    public static void Run(StateOverlay overlay, BlockContext context, IReadOnlyList<SignedTransaction> transactions, bool[] executable, int parallelism, ITransactionSink sink, IWorkerLauncher? prestarted = null)
    {
        // Reading the proposer's account from the overlay would otherwise write the fees it defers, from whichever thread reads it first.
        overlay.SettlePendingFees();
        using var executor = new ParallelTransactionExecutor(overlay, context, transactions, executable, parallelism, sink);
        executor.Run(prestarted);
    }

    /// <summary>Returns the pooled arrays; called once every thread has stopped.</summary>
    public void Dispose()
    {
        _store.Dispose();
        ArrayPool<int>.Shared.Return(_claims);
    }

    /// <summary>
    /// The claim flag of transaction <paramref name="index"/> (<see cref="Unclaimed"/>, <see cref="Speculating"/>,
    /// <see cref="Speculated"/>). A chunk's flags are written by the thread that claimed it, and threads claim neighbouring
    /// chunks, so each chunk's flags sit <see cref="ClaimStride"/> apart.
    /// </summary>
    private ref int Claim(int index) => ref _claims[((index / Chunk) * ClaimStride) + (index % Chunk)];

    private void Run(IWorkerLauncher? prestarted)
    {
        var work = new Action[_parallelism - 1];
        for (var w = 0; w < work.Length; w++)
        {
            var worker = w;
            work[w] = () => RunWorker(worker);
        }

        WorkerRoster.Start(prestarted, work);

        Work();

        // Every transaction is decided. A worker that has not joined yet is kept out: the block is done without it. The first
        // worker, if it is in, sorts half of the write set once its loop ends.
        var helped = work.Length > 0 && WorkerRoster.KeepOutUnlessJoined(_workers, 0);
        StateChange[]? changes = null;
        try
        {
            // Holding the commit lock (for good) makes the write set final: the fees are added, and the write set is sorted
            // here and on the first worker (if it joined) while the others stop.
            TakeCommitLock();
            if (_failure is null && _shared.ResumeSequentiallyAt < 0)
            {
                FlushFees(_transactions.Length);
                _written.Start(helped);
                changes = _written.SortOwnPart();
            }
        }
        finally
        {
            _written.Abandon();
        }

        WorkerRoster.WaitForAll(_workers);
        if (_failure is { } failure)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        }

        // Every thread has stopped: the overlay (which slots load from) may be written now.
        if (changes is not null)
        {
            _overlay.AdoptSorted(changes);
            return;
        }

        // The rest runs over the overlay's dictionary, which must hold these writes to begin with.
        FlushFees(_transactions.Length);
        foreach (var slot in _written.Slots)
        {
            _overlay.Set(slot.Key, slot.Current);
        }

        RunSequentially(_shared.ResumeSequentiallyAt);
    }

    /// <summary>
    /// Worker <paramref name="worker"/>'s part: the transaction loop, then (the first worker) half of the write-set sort, unless
    /// the block got done before it joined. Its end is signalled here, not by its task: a blocked wait on the task costs the
    /// caller a wake-up (tens of microseconds, more on a busy machine) when the worker finishes a moment after it.
    /// </summary>
    private void RunWorker(int worker)
    {
        if (!WorkerRoster.TryJoin(_workers, worker))
        {
            return;
        }

        try
        {
            Work();
            if (worker == 0)
            {
                _written.HelpSort();
            }
        }
#pragma warning disable CA1031 // Not swallowed: Run rethrows the first failure once every worker has left.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Interlocked.CompareExchange(ref _failure, e, null);
            _done = true;
        }
        finally
        {
            WorkerRoster.Leave(_workers, worker);
        }
    }

    /// <summary>Takes the commit lock once the thread holding it lets go; that happens as soon as it sees the block is done.</summary>
    private void TakeCommitLock()
    {
        var spinner = default(SpinWait);
        while (Interlocked.CompareExchange(ref _shared.CommitLock, 1, 0) != 0)
        {
            spinner.SpinOnce();
        }
    }

    private void RunSequentially(int from)
    {
        for (var i = from; i < _transactions.Length; i++)
        {
            var step = _sink.Next(i);
            if (step == SinkStep.Stop)
            {
                return;
            }

            if (step == SinkStep.Execute && !_sink.Accept(i, TransactionExecutor.Apply(_overlay, _context, _transactions[i])))
            {
                return;
            }
        }
    }

    private void Work()
    {
        try
        {
            var spinner = default(SpinWait);
            while (!_done)
            {
                if (TryCommitReady(Help.None) | TrySpeculateChunk())
                {
                    spinner = default;
                    continue;
                }

                // Nothing to claim, or the window is full, and the commit point waits on another thread: execute it here
                // if that thread has not started it; if it has, and has taken long (descheduled), execute it here anyway.
                if (TryCommitReady(spinner.NextSpinWillYield ? Help.Started : Help.Unstarted))
                {
                    spinner = default;
                    continue;
                }

                spinner.SpinOnce(sleep1Threshold: -1);
            }
        }
#pragma warning disable CA1031 // Not swallowed: the first failure ends every thread's loop and Run rethrows it.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Interlocked.CompareExchange(ref _failure, e, null);
            _done = true;
        }
    }

    /// <summary>
    /// Claims the next <see cref="Chunk"/> transactions in order, within the window ahead of the commit point, and
    /// executes them speculatively, committing each one at once when it is the next to commit. One claim per chunk,
    /// not per transaction, keeps the threads off each other's cache lines (the claim counter, the claim flags).
    /// </summary>
    private bool TrySpeculateChunk()
    {
        var next = Volatile.Read(ref _shared.NextToClaim);
        if (next >= _transactions.Length || next - Volatile.Read(ref _shared.Committed) > _lookahead)
        {
            return false;
        }

        var first = Interlocked.Add(ref _shared.NextToClaim, Chunk) - Chunk;
        var end = Math.Min(first + Chunk, _transactions.Length);
        for (var index = first; index < end && !_done; index++)
        {
            if (Speculate(index) && Volatile.Read(ref _shared.Committed) == index)
            {
                // Its own result is at the commit point: committing it now lets the next one read it.
                TryCommitReady(Help.None);
            }
        }

        return first < _transactions.Length;
    }

    /// <summary>Executes transaction <paramref name="index"/> speculatively unless it is not executable or the committer took it.</summary>
    private bool Speculate(int index)
    {
        if (!_executable[index] || Interlocked.CompareExchange(ref Claim(index), Speculating, Unclaimed) != Unclaimed)
        {
            return false;
        }

        // The window keeps index - _views.Length below the commit point (see the constructor).
        var view = _views[index & _viewMask];
        if (index >= _views.Length)
        {
            // The view's previous transaction is committed, but the committer may have executed it in place while a
            // descheduled thread was still executing it into this view (Help.Started): that execution must end first.
            var spinner = default(SpinWait);
            while (Volatile.Read(ref Claim(index - _views.Length)) == Speculating)
            {
                spinner.SpinOnce(sleep1Threshold: -1);
            }
        }

        view.Reset();
        try
        {
            view.Outcome = TransactionExecutor.Apply(view, _context, _transactions[index]);
        }
#pragma warning disable CA1031 // A speculation may read a mix of versions no sequential run sees; the commit re-executes it.
        catch (Exception)
#pragma warning restore CA1031
        {
            view.Faulted = true;
        }

        Volatile.Write(ref Claim(index), Speculated);
        return true;
    }

    /// <summary>Takes the commit lock if it is free and commits transactions in order until one is still being executed.</summary>
    private bool TryCommitReady(Help help)
    {
        if (Volatile.Read(ref _shared.CommitLock) != 0 || Interlocked.CompareExchange(ref _shared.CommitLock, 1, 0) != 0)
        {
            return false;
        }

        var progressed = false;
        try
        {
            while (!_done && CommitNext(help))
            {
                progressed = true;
            }
        }
        finally
        {
            Volatile.Write(ref _shared.CommitLock, 0);
        }

        return progressed;
    }

    /// <summary>Decides the transaction at the commit point, if it can be decided now; false when it cannot or the block is over.</summary>
    private bool CommitNext(Help help)
    {
        var index = _shared.Committed;
        if (index == _transactions.Length)
        {
            _done = true;
            return false;
        }

        if (_shared.ResumeSequentiallyAt >= 0)
        {
            _done = true;
            return false;
        }

        _shared.Step ??= _sink.Next(index);
        if (_shared.Step == SinkStep.Stop)
        {
            _done = true;
            return false;
        }

        if (_shared.Step == SinkStep.Skip && _executable[index] && Interlocked.CompareExchange(ref Claim(index), Speculated, Unclaimed) == Speculating)
        {
            // Skipped, but a thread is executing it: its view must not be reused before that execution ends.
            return false;
        }

        if (_shared.Step == SinkStep.Execute)
        {
            if (Decide(index, help) is not { } view)
            {
                return false;
            }

            if (!_sink.Accept(index, view.Outcome))
            {
                _done = true;
                return false;
            }
        }

        _shared.Step = null;
        Volatile.Write(ref _shared.Committed, index + 1);
        return true;
    }

    /// <summary>
    /// Validates (or executes) transaction <paramref name="index"/> and publishes its writes; null while another thread
    /// has it, unless <paramref name="help"/> says to execute it here: it is then executed in place, and the thread
    /// that claimed it skips it (not started) or has its result ignored (started).
    /// </summary>
    private TransactionView? Decide(int index, Help help)
    {
        TransactionView view;
        var speculative = false;
        var claim = Volatile.Read(ref Claim(index));
        if (claim == Speculated)
        {
            view = _views[index & _viewMask];
            speculative = true;
        }
        else if ((claim == Unclaimed && help >= Help.Unstarted && Interlocked.CompareExchange(ref Claim(index), Speculated, Unclaimed) == Unclaimed)
            || (claim == Speculating && help == Help.Started))
        {
            view = ExecuteInPlace(index);
        }
        else
        {
            return null;
        }

        while (true)
        {
            if (view.Faulted)
            {
                view = ExecuteInPlace(index);
                speculative = false;
            }

            if (view.TouchesProposer)
            {
                FlushFees(index);
            }

            var valid = IsValid(view);
            if (speculative)
            {
                CountSpeculation(valid, index);
                speculative = false;
            }

            if (valid)
            {
                break;
            }

            view = ExecuteInPlace(index);
        }

        foreach (ref readonly var entry in view.Entries)
        {
            if (entry.Written)
            {
                Publish(entry.Slot, entry.Value);
            }
        }

        if (view.DeferredFee is { } fee)
        {
            _shared.PendingFees = checked(_shared.PendingFees + fee);
            _shared.HasPendingFees = true;
        }

        return view;
    }

    /// <summary>Executes under the commit lock, over versions that no other thread changes meanwhile.</summary>
    private TransactionView ExecuteInPlace(int index)
    {
        var view = _inPlace;
        view.Reset();
        try
        {
            view.Outcome = TransactionExecutor.Apply(view, _context, _transactions[index]);
        }
        catch (Exception) when (view.TouchesProposer && _shared.HasPendingFees)
        {
            // It read the proposer's account without the fees still pending; with them it may well not throw.
            FlushFees(index);
            view.Reset();
            view.Outcome = TransactionExecutor.Apply(view, _context, _transactions[index]);
        }

        return view;
    }

    private static bool IsValid(TransactionView view)
    {
        foreach (ref readonly var entry in view.Entries)
        {
            if (entry.Read && !ReferenceEquals(entry.Slot.Current, entry.Seen))
            {
                return false;
            }
        }

        return true;
    }

    private void CountSpeculation(bool valid, int index)
    {
        _shared.WindowResults++;
        if (!valid)
        {
            _shared.WindowFailures++;
        }

        if (_shared.WindowResults == AbortWindow)
        {
            if (2 * _shared.WindowFailures > AbortWindow)
            {
                // This transaction is decided; the rest of the block runs sequentially once every thread has stopped.
                _shared.ResumeSequentiallyAt = index + 1;
            }

            _shared.WindowResults = 0;
            _shared.WindowFailures = 0;
        }
    }

    /// <summary>Writes the fees deferred so far into the proposer's account, as a version of transaction <paramref name="index"/>.</summary>
    private void FlushFees(int index)
    {
        if (!_shared.HasPendingFees)
        {
            return;
        }

        var slot = _store.Slot(_proposerKey);
        var bytes = slot.Current;
        var account = bytes is null ? AccountState.Empty : AccountState.Decode(bytes);
        account = account with { Balance = checked(account.Balance + _shared.PendingFees) };
        Publish(slot, AccountStore.Encode(account));
        _shared.PendingFees = 0;
        _shared.HasPendingFees = false;
    }

    private void Publish(Slot slot, byte[]? value)
    {
        slot.Publish(value);
        if (!slot.Written)
        {
            slot.Written = true;
            _written.Add(slot);
        }
    }

    /// <summary>What a thread with nothing else to do may take over from the thread that claimed the transaction at the commit point.</summary>
    private enum Help
    {
        None,

        /// <summary>The transaction, if that thread has not started executing it.</summary>
        Unstarted,

        /// <summary>The transaction, even while that thread executes it (it has taken long: it was likely descheduled).</summary>
        Started,
    }

    /// <summary>
    /// The fields more than one thread writes, apart: the claim counter (every thread), the commit lock (every thread
    /// that takes it), and the commit point with the rest of the commit state (whichever thread holds the lock). Sharing a cache line with each
    /// other, or with the fields every thread only reads, would make each write slow down every other thread.
    /// </summary>
    [StructLayout(LayoutKind.Explicit, Size = 5 * CacheLine)]
    private struct Shared
    {
        private const int CacheLine = 64;

        [FieldOffset(CacheLine)]
        public int NextToClaim;

        [FieldOffset(2 * CacheLine)]
        public int CommitLock;

        [FieldOffset(3 * CacheLine)]
        public int Committed;

        [FieldOffset((3 * CacheLine) + 8)]
        public ulong PendingFees;

        [FieldOffset((3 * CacheLine) + 16)]
        public SinkStep? Step;

        [FieldOffset((3 * CacheLine) + 24)]
        public int ResumeSequentiallyAt;

        [FieldOffset((3 * CacheLine) + 28)]
        public int WindowResults;

        [FieldOffset((3 * CacheLine) + 32)]
        public int WindowFailures;

        [FieldOffset((3 * CacheLine) + 36)]
        public bool HasPendingFees;
    }
}
