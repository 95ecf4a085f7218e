using Chain.Core.State;
using Chain.Protocol.Proofs;
using Chain.Protocol.Transactions;

namespace Chain.Core.Execution.Speculative;

/// <summary>
/// The transaction phase of a block on several threads, with the result of sequential execution, always.
/// <para>Every thread (the caller and <c>parallelism - 1</c> workers) runs the same loop: commit whatever is ready,
/// else claim the next transaction in index order and execute it speculatively over a <see cref="VersionedStore"/> of
/// committed versions, into its own <see cref="TransactionView"/> (read set: key → version seen; write set).
/// Committing is serial and in order, under a try-lock that whichever thread is free takes: the holder validates the
/// next transaction's read set against the versions now committed (all lower indices are), re-executes it in place
/// when a read is stale (no other thread publishes meanwhile, so that execution is final), publishes its writes as
/// versions stamped with its index, and moves on until it meets a transaction still being executed. Nobody waits
/// on a particular thread: a thread that cannot commit speculates, and speculation stays within a window ahead of
/// the commit point, where reads are likely to still be valid.</para>
/// <para>Hot accounts: when more than half of a window of speculative results fail validation, speculation stops and
/// the rest of the block runs on the sequential path (<see cref="TransactionExecutor"/> over the overlay), so an
/// all-conflicting block costs one window of wasted speculation. The proposer's fee is deferred and summed
/// (<see cref="TransactionView.DeferredFee"/>) instead of being a read-write conflict of every transaction.</para>
/// <para>Nothing nondeterministic reaches the result: outcomes are decided in index order, one at a time, the sink
/// sees them in order (from whichever thread holds the lock), the write set is the overlay's (sorted by key), and
/// which thread executed what only changes how much work was wasted. The committed reader must allow concurrent
/// <see cref="IStateReader.Get"/> calls.</para>
/// </summary>
internal sealed class ParallelTransactionExecutor : IDisposable
{
    private const int Unclaimed = 0;
    private const int Speculating = 1;
    private const int Speculated = 2;
    private const int AbortWindow = 32;


    private readonly StateOverlay _overlay;
    private readonly BlockContext _context;
    private readonly SignedTransaction[] _transactions;
    private readonly bool[] _executable;
    private readonly int _parallelism;
    private readonly VersionedStore _store;
    private readonly byte[] _proposerKey;
    private readonly int[] _claims;
    private readonly TransactionView?[] _speculated;
    private readonly int _lookahead;
    private readonly ITransactionSink _sink;
    private int _nextToClaim;
    private int _commitLock;
    private volatile int _committed;
    private volatile bool _done;
    private Exception? _failure;

    // Commit state: read and written only by the holder of the commit lock.
    private readonly List<Slot> _written = [];
    private SinkStep? _step;
    private int _resumeSequentiallyAt = -1;
    private ulong _pendingFees;
    private bool _hasPendingFees;
    private int _windowResults;
    private int _windowFailures;

    private ParallelTransactionExecutor(StateOverlay overlay, BlockContext context, IReadOnlyList<SignedTransaction> transactions, bool[] executable, int parallelism, ITransactionSink sink)
    {
        _overlay = overlay;
        _context = context;
        _transactions = [.. transactions];
        _executable = executable;
        _parallelism = parallelism;
        _sink = sink;
        _store = new VersionedStore(overlay, 3 * _transactions.Length);
        _proposerKey = StateKeys.Account(context.Proposer);
        _claims = new int[_transactions.Length];
        _speculated = new TransactionView?[_transactions.Length];
        _lookahead = Math.Max(32, 16 * parallelism);
    }

    /// <summary>
    /// Runs <paramref name="transactions"/> over <paramref name="overlay"/> (the state after the begin step) and leaves
    /// their writes in it, exactly as <see cref="TransactionExecutor.Apply"/> in order would. Transactions whose
    /// <paramref name="executable"/> flag is false are never executed (the sink decides what they mean).
    /// </summary>
    public static void Run(StateOverlay overlay, BlockContext context, IReadOnlyList<SignedTransaction> transactions, bool[] executable, int parallelism, ITransactionSink sink)
    {
        using var executor = new ParallelTransactionExecutor(overlay, context, transactions, executable, parallelism, sink);
        executor.Run();
    }

    /// <summary>Returns the store's pooled table; called once every thread has stopped.</summary>
    public void Dispose() => _store.Dispose();

    private void Run()
    {
        var workers = new Task[_parallelism - 1];
        for (var w = 0; w < workers.Length; w++)
        {
            // The default scheduler explicitly: under Orleans the current scheduler is the activation's, which is single-threaded.
            workers[w] = Task.Factory.StartNew(Work, CancellationToken.None, TaskCreationOptions.DenyChildAttach, TaskScheduler.Default);
        }

        Work();
        Task.WaitAll(workers);
        if (_failure is { } failure)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        }

        // Every thread has stopped: the overlay (which slots load from) may be written now.
        FlushFees(_transactions.Length);
        foreach (var slot in _written)
        {
            _overlay.Set(slot.Key, slot.Current.Value);
        }

        if (_resumeSequentiallyAt >= 0)
        {
            RunSequentially(_resumeSequentiallyAt);
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
                if (TryCommitReady() | TrySpeculateNext())
                {
                    spinner = default;
                }
                else
                {
                    spinner.SpinOnce(sleep1Threshold: -1);
                }
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

    /// <summary>Claims the next transaction in order, within the window ahead of the commit point, and executes it speculatively.</summary>
    private bool TrySpeculateNext()
    {
        var next = Volatile.Read(ref _nextToClaim);
        if (next >= _transactions.Length || next - _committed > _lookahead)
        {
            return false;
        }

        var index = Interlocked.Increment(ref _nextToClaim) - 1;
        if (index >= _transactions.Length || !_executable[index] || Interlocked.CompareExchange(ref _claims[index], Speculating, Unclaimed) != Unclaimed)
        {
            return index < _transactions.Length;
        }

        var view = new TransactionView(_store, _context.Proposer, _proposerKey);
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

        view.SealWrites(index);
        Volatile.Write(ref _speculated[index], view);
        Volatile.Write(ref _claims[index], Speculated);
        return true;
    }

    /// <summary>Takes the commit lock if it is free and commits transactions in order until one is still being executed.</summary>
    private bool TryCommitReady()
    {
        if (Volatile.Read(ref _commitLock) != 0 || Interlocked.CompareExchange(ref _commitLock, 1, 0) != 0)
        {
            return false;
        }

        var progressed = false;
        try
        {
            while (!_done && CommitNext())
            {
                progressed = true;
            }
        }
        finally
        {
            Volatile.Write(ref _commitLock, 0);
        }

        return progressed;
    }

    /// <summary>Decides the transaction at the commit point, if it can be decided now; false when it cannot or the block is over.</summary>
    private bool CommitNext()
    {
        var index = _committed;
        if (index == _transactions.Length)
        {
            _done = true;
            return false;
        }

        if (_resumeSequentiallyAt >= 0)
        {
            _done = true;
            return false;
        }

        _step ??= _sink.Next(index);
        if (_step == SinkStep.Stop)
        {
            _done = true;
            return false;
        }

        if (_step == SinkStep.Execute)
        {
            if (Decide(index) is not { } view)
            {
                return false;
            }

            if (!_sink.Accept(index, view.Outcome))
            {
                _done = true;
                return false;
            }
        }

        _step = null;
        _committed = index + 1;
        return true;
    }

    /// <summary>Validates (or executes) transaction <paramref name="index"/> and publishes its writes; null while another thread executes it.</summary>
    private TransactionView? Decide(int index)
    {
        // Not yet executed: whoever claims it from the counter executes it (executing it here instead would leave the
        // other threads nothing to claim but indices the lock holder is about to reach).
        if (Volatile.Read(ref _claims[index]) != Speculated)
        {
            return null;
        }

        var view = Volatile.Read(ref _speculated[index])!;
        var speculative = true;

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

        foreach (var entry in view.Entries)
        {
            if (entry.Written)
            {
                Publish(entry.Slot, entry.Version ?? new VersionedValue(entry.Value, index));
            }
        }

        if (view.DeferredFee is { } fee)
        {
            _pendingFees = checked(_pendingFees + fee);
            _hasPendingFees = true;
        }

        return view;
    }

    /// <summary>Executes under the commit lock, over versions that no other thread changes meanwhile.</summary>
    private TransactionView ExecuteInPlace(int index)
    {
        var view = new TransactionView(_store, _context.Proposer, _proposerKey);
        try
        {
            view.Outcome = TransactionExecutor.Apply(view, _context, _transactions[index]);
        }
        catch (Exception) when (view.TouchesProposer && _hasPendingFees)
        {
            // It read the proposer's account without the fees still pending; with them it may well not throw.
            FlushFees(index);
            view = new TransactionView(_store, _context.Proposer, _proposerKey);
            view.Outcome = TransactionExecutor.Apply(view, _context, _transactions[index]);
        }

        return view;
    }

    private static bool IsValid(TransactionView view)
    {
        foreach (var entry in view.Entries)
        {
            if (entry.Seen is { } seen && !ReferenceEquals(entry.Slot.Current, seen))
            {
                return false;
            }
        }

        return true;
    }

    private void CountSpeculation(bool valid, int index)
    {
        _windowResults++;
        if (!valid)
        {
            _windowFailures++;
        }

        if (_windowResults == AbortWindow)
        {
            if (2 * _windowFailures > AbortWindow)
            {
                // This transaction is decided; the rest of the block runs sequentially once every thread has stopped.
                _resumeSequentiallyAt = index + 1;
            }

            _windowResults = 0;
            _windowFailures = 0;
        }
    }

    /// <summary>Writes the fees deferred so far into the proposer's account, as a version of transaction <paramref name="index"/>.</summary>
    private void FlushFees(int index)
    {
        if (!_hasPendingFees)
        {
            return;
        }

        var slot = _store.Slot(_proposerKey);
        var bytes = slot.Current.Value;
        var account = bytes is null ? AccountState.Empty : AccountState.Decode(bytes);
        account = account with { Balance = checked(account.Balance + _pendingFees) };
        Publish(slot, new VersionedValue(AccountStore.Encode(account), index));
        _pendingFees = 0;
        _hasPendingFees = false;
    }

    private void Publish(Slot slot, VersionedValue version)
    {
        slot.Publish(version);
        if (!slot.Written)
        {
            slot.Written = true;
            _written.Add(slot);
        }
    }
}
