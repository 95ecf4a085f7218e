using Chain.Core.State;
using Chain.Protocol.Proofs;
using Chain.Protocol.Transactions;

namespace Chain.Core.Execution.Speculative;

/// <summary>
/// The transaction phase of a block on several threads, with the result of sequential execution, always.
/// <para>Workers claim transactions in index order from an atomic counter and execute them speculatively over a
/// <see cref="VersionedStore"/> of committed versions, each into its own <see cref="TransactionView"/> (read set:
/// key → version seen; write set). One committer (the calling thread) walks the block in order: it validates a
/// transaction's read set against the versions now committed (all lower indices are), re-executes it in place when
/// a read is stale (the store then holds exactly the sequential state, so that execution is final), and publishes its
/// writes as versions stamped with its index. The committer executes a transaction itself when no worker has claimed
/// it, and helps with speculative work while it waits for one in flight, so it never blocks on a worker.</para>
/// <para>Hot accounts: when more than half of a window of speculative results fail validation, workers stop and the
/// rest of the block runs on the sequential path (<see cref="TransactionExecutor"/> over the overlay), so an
/// all-conflicting block costs one window of wasted speculation. The proposer's fee is deferred and summed
/// (<see cref="TransactionView.DeferredFee"/>) instead of being a read-write conflict of every transaction.</para>
/// <para>Nothing nondeterministic reaches the result: outcomes are decided in index order on one thread, the write set
/// is the overlay's (sorted by key), and which thread executed what only changes how much work was wasted. The
/// committed reader must allow concurrent <see cref="IStateReader.Get"/> calls.</para>
/// </summary>
internal sealed class ParallelTransactionExecutor
{
    private const int Unclaimed = 0;
    private const int Speculating = 1;
    private const int Speculated = 2;
    private const int ExecutedByCommitter = 3;
    private const int AbortWindow = 32;

    private readonly StateOverlay _overlay;
    private readonly BlockContext _context;
    private readonly IReadOnlyList<SignedTransaction> _transactions;
    private readonly bool[] _executable;
    private readonly int _parallelism;
    private readonly VersionedStore _store;
    private readonly byte[] _proposerKey;
    private readonly int[] _claims;
    private readonly TransactionView?[] _speculated;
    private readonly List<Slot> _written = [];
    private readonly int _lookahead;
    private int _nextToClaim;
    private int _committing;
    private volatile bool _stop;
    private ulong _pendingFees;
    private bool _hasPendingFees;
    private int _windowResults;
    private int _windowFailures;

    private ParallelTransactionExecutor(StateOverlay overlay, BlockContext context, IReadOnlyList<SignedTransaction> transactions, bool[] executable, int parallelism)
    {
        _overlay = overlay;
        _context = context;
        _transactions = transactions;
        _executable = executable;
        _parallelism = parallelism;
        _store = new VersionedStore(overlay);
        _proposerKey = StateKeys.Account(context.Proposer);
        _claims = new int[transactions.Count];
        _speculated = new TransactionView?[transactions.Count];
        _lookahead = Math.Max(16, 8 * parallelism);
    }

    /// <summary>
    /// Runs <paramref name="transactions"/> over <paramref name="overlay"/> (the state after the begin step) and leaves
    /// their writes in it, exactly as <see cref="TransactionExecutor.Apply"/> in order would. Transactions whose
    /// <paramref name="executable"/> flag is false are never executed (the sink decides what they mean).
    /// </summary>
    public static void Run(StateOverlay overlay, BlockContext context, IReadOnlyList<SignedTransaction> transactions, bool[] executable, int parallelism, ITransactionSink sink)
    {
        var executor = new ParallelTransactionExecutor(overlay, context, transactions, executable, parallelism);
        executor.Run(sink);
    }

    private void Run(ITransactionSink sink)
    {
        var workers = new Task[_parallelism - 1];
        for (var w = 0; w < workers.Length; w++)
        {
            // The default scheduler explicitly: under Orleans the current scheduler is the activation's, which is single-threaded.
            workers[w] = Task.Factory.StartNew(Work, CancellationToken.None, TaskCreationOptions.DenyChildAttach, TaskScheduler.Default);
        }

        var resumeSequentiallyAt = -1;
        try
        {
            for (var i = 0; i < _transactions.Count; i++)
            {
                if (_stop)
                {
                    resumeSequentiallyAt = i;
                    break;
                }

                Volatile.Write(ref _committing, i);
                var step = sink.Next(i);
                if (step == SinkStep.Stop)
                {
                    break;
                }

                if (step == SinkStep.Skip)
                {
                    continue;
                }

                var view = Commit(i);
                if (!sink.Accept(i, view.Outcome))
                {
                    break;
                }
            }
        }
        finally
        {
            _stop = true;
            Task.WaitAll(workers);
        }

        // Workers have stopped: the overlay (which slots load from) may be written now.
        FlushFees(_transactions.Count);
        foreach (var slot in _written)
        {
            _overlay.Set(slot.Key, slot.Current.Value);
        }

        if (resumeSequentiallyAt >= 0)
        {
            RunSequentially(resumeSequentiallyAt, sink);
        }
    }

    private void RunSequentially(int from, ITransactionSink sink)
    {
        for (var i = from; i < _transactions.Count; i++)
        {
            var step = sink.Next(i);
            if (step == SinkStep.Stop)
            {
                return;
            }

            if (step == SinkStep.Execute && !sink.Accept(i, TransactionExecutor.Apply(_overlay, _context, _transactions[i])))
            {
                return;
            }
        }
    }

    private void Work()
    {
        while (!_stop && TrySpeculateNext(mayWait: true))
        {
        }
    }

    /// <summary>Claims the next transaction in order and executes it speculatively; false when none is left.</summary>
    /// <remarks>The committer passes <paramref name="mayWait"/> false: it must never wait for itself to advance.</remarks>
    private bool TrySpeculateNext(bool mayWait)
    {
        if (Volatile.Read(ref _nextToClaim) >= _transactions.Count)
        {
            return false;
        }

        var index = Interlocked.Increment(ref _nextToClaim) - 1;
        if (index >= _transactions.Count)
        {
            return false;
        }

        // Far ahead of the committer a speculation reads versions that will be stale: wait for it to come closer. The
        // committer leaves such an index unclaimed instead, and executes it in place when it gets there.
        var spinner = default(SpinWait);
        while (index - Volatile.Read(ref _committing) > _lookahead && !_stop)
        {
            if (!mayWait)
            {
                return false;
            }

            spinner.SpinOnce(sleep1Threshold: -1);
        }

        if (_stop || !_executable[index] || Interlocked.CompareExchange(ref _claims[index], Speculating, Unclaimed) != Unclaimed)
        {
            return !_stop;
        }

        var view = new TransactionView(_store, _context.Proposer, _proposerKey);
        try
        {
            view.Outcome = TransactionExecutor.Apply(view, _context, _transactions[index]);
        }
#pragma warning disable CA1031 // A speculation may read a mix of versions no sequential run sees; the committer re-executes it.
        catch (Exception)
#pragma warning restore CA1031
        {
            view.Faulted = true;
        }

        Volatile.Write(ref _speculated[index], view);
        Volatile.Write(ref _claims[index], Speculated);
        return true;
    }

    /// <summary>Decides transaction <paramref name="index"/> (every lower one is committed) and publishes its writes.</summary>
    private TransactionView Commit(int index)
    {
        var view = Obtain(index, out var speculative);
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
                CountSpeculation(valid);
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
                Publish(entry.Slot, new VersionedValue(entry.Value, index));
            }
        }

        if (view.DeferredFee is { } fee)
        {
            _pendingFees = checked(_pendingFees + fee);
            _hasPendingFees = true;
        }

        return view;
    }

    private TransactionView Obtain(int index, out bool speculative)
    {
        var spinner = default(SpinWait);
        while (true)
        {
            var claim = Volatile.Read(ref _claims[index]);
            if (claim == Speculated)
            {
                speculative = true;
                return Volatile.Read(ref _speculated[index])!;
            }

            if (claim == Unclaimed && Interlocked.CompareExchange(ref _claims[index], ExecutedByCommitter, Unclaimed) == Unclaimed)
            {
                speculative = false;
                return ExecuteInPlace(index);
            }

            // A worker is executing it: do speculative work meanwhile rather than idle.
            if (!TrySpeculateNext(mayWait: false))
            {
                spinner.SpinOnce(sleep1Threshold: -1);
            }
        }
    }

    /// <summary>Executes on the committer, over versions that no other thread changes meanwhile.</summary>
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

    private void CountSpeculation(bool valid)
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
                _stop = true;
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
