using System.Runtime.InteropServices;
using Chain.Core.Sharding;
using Chain.Core.State;
using Chain.Protocol.Crypto;
using Chain.Protocol.Proofs;
using Chain.Protocol.Transactions;

namespace Chain.Core.Execution.Speculative;

/// <summary>
/// The transaction phase of a block whose executable transactions are all plain transfers within the shard that leave the
/// proposer's account alone: each one touches exactly its sender's and its recipient's accounts (and owes the proposer a fee,
/// summed apart), so which transactions must run in which order is known before any runs, and nothing is speculated.
/// <para>Three steps. <b>Resolve</b>, on every thread: each transaction's account slots are looked up in the
/// <see cref="VersionedStore"/>. <b>Link</b>, on the caller, each run as soon as it is resolved (the workers resolve the rest
/// meanwhile): in block order, each transaction notes, per account, the transaction that touched that account last before it
/// (its predecessor there); an account's transactions form a chain.
/// <b>Execute</b>, on every thread: threads claim runs of transactions in block order and execute each one, directly on its
/// slots, once its predecessor on each account has finished (the slot says which transaction finished there last); one
/// that must wait is set aside and retried. Each account's transactions run in block order, one at a time, and a
/// transaction reads and writes nothing else, so every transaction sees exactly the values it sees sequentially: the
/// result (receipts, write set, fees) is the sequential one whatever thread ran what, and nothing is validated or run twice.</para>
/// <para>The outcomes then go to the sink in block order, on the caller. Every executable transaction has run by then, so
/// the sink must not stop before one of them unless a stop fails the block (<see cref="ITransactionSink.AllowsRunAhead"/>).
/// A block whose chains leave little to run side by side (two accounts trading back and forth) runs on the caller alone.</para>
/// </summary>
internal sealed class ScheduledTransferExecutor : IDisposable
{
    private const int ResolveChunk = 64;
    private const int ExecuteChunk = 32;
    private const int MaxSetAside = 256;

    /// <summary>Below this many transactions per link of the longest chain, the caller executes alone: the others would mostly wait.</summary>
    private const int MinParallelismPercent = 150;

    private const int Resolving = 0;
    private const int Linking = 1;
    private const int Executing = 2;
    private const int ExecutingAlone = 3;
    private const int Finished = 4;

    /// <summary>A transaction the executor does not schedule was found: the block goes to the speculative executor.</summary>
    private const int Unschedulable = 5;

    /// <summary>A worker's place in the roster (<see cref="WorkerRoster"/>) once it is out of the scheduled work, waiting for the speculative executor's (<see cref="Handoff"/>).</summary>
    private const int AtHandoff = 4;

    private readonly StateOverlay _overlay;
    private readonly BlockContext _context;
    private readonly SignedTransaction[] _transactions;
    private readonly int[] _chunkResolved;
    private readonly bool[] _executable;
    private readonly int _executableCount;
    private readonly ITransactionSink _sink;
    private readonly VersionedStore _store;
    private readonly Slot[] _first;
    private readonly Slot?[] _second;
    private readonly int[] _firstAfter;
    private readonly int[] _secondAfter;
    private readonly TransactionOutcome[] _outcomes;
    private readonly int[] _workers;
    private readonly List<Slot> _touched = [];
    private readonly WriteSetSorter _written = new();
    private readonly object _feesLock = new();
    private ulong _fees;
    private bool _feesOwed;
    private volatile bool _failed;
    private Exception? _failure;
    private Action[]? _handoff;
    private Shared _shared;

    private ScheduledTransferExecutor(StateOverlay overlay, BlockContext context, IReadOnlyList<SignedTransaction> transactions, bool[] executable, int executableCount, int parallelism, ITransactionSink sink)
    {
        _overlay = overlay;
        _context = context;
        _transactions = [.. transactions];
        _executable = executable;
        _executableCount = executableCount;
        _sink = sink;
        var n = transactions.Count;
        _store = new VersionedStore(overlay, 2 * n);
        _first = new Slot[n];
        _second = new Slot?[n];
        _firstAfter = new int[n];
        _secondAfter = new int[n];
        _outcomes = new TransactionOutcome[n];
        _chunkResolved = new int[(n + ResolveChunk - 1) / ResolveChunk];
        _workers = new int[parallelism - 1];
    }

    /// <summary>
    /// Runs the transaction phase with the result of <see cref="TransactionExecutor.Apply"/> in order: scheduled if every executable
    /// transaction is one this executor schedules and the sink allows running ahead; otherwise on the speculative executor
    /// (<see cref="ParallelTransactionExecutor"/>), to which the workers are handed over. Whether every transaction qualifies is
    /// checked as their slots are looked up, on every thread: the check is the first read of each transaction in the block,
    /// and on one thread alone it cost about as much as the link step.
    /// </summary>
    public static void Run(StateOverlay overlay, BlockContext context, IReadOnlyList<SignedTransaction> transactions, bool[] executable, int parallelism, ITransactionSink sink, IWorkerLauncher? prestarted)
    {
        var count = 0;
        for (var i = 0; i < transactions.Count; i++)
        {
            count += executable[i] ? 1 : 0;
        }

        if (count == 0 || !sink.AllowsRunAhead(count))
        {
            ParallelTransactionExecutor.Run(overlay, context, transactions, executable, parallelism, sink, prestarted);
            return;
        }

        // Reading the proposer's account from the overlay would otherwise write the fees it defers, from whichever thread reads it first.
        overlay.SettlePendingFees();
        using var executor = new ScheduledTransferExecutor(overlay, context, transactions, executable, count, parallelism, sink);
        executor.Run(prestarted, parallelism);
    }

    internal int WorkerCount => _workers.Length;

    /// <summary>The speculative executor's work, for the workers at the handoff.</summary>
    internal void Offer(Action[] work) => Volatile.Write(ref _handoff, work);

    /// <summary>Returns the store's pooled table; called once every thread has stopped.</summary>
    public void Dispose() => _store.Dispose();

    /// <summary>
    /// How many transactions are executable, if this executor can schedule all of them; -1 if it cannot: the check the slot
    /// look-up applies to each transaction, over a whole block (for tests and diagnostics).
    /// </summary>
    internal static int Schedulable(BlockContext context, IReadOnlyList<SignedTransaction> transactions, bool[] executable)
    {
        var count = 0;
        for (var i = 0; i < transactions.Count; i++)
        {
            if (!executable[i])
            {
                continue;
            }

            if (!IsScheduled(context, transactions[i].Body))
            {
                return -1;
            }

            count++;
        }

        return count;
    }

    /// <summary>A plain transfer within the shard, neither from nor to the proposer: its accounts are its sender's and its recipient's.</summary>
    private static bool IsScheduled(BlockContext context, Transaction body) =>
        body.Payload is Transfer transfer
        && body.SenderAddress is var sender
        && sender != context.Proposer
        && transfer.To != context.Proposer
        && !CrossShard.IsCrossShard(context, sender, transfer.To);

    private void Run(IWorkerLauncher? prestarted, int parallelism)
    {
        StartWorkers(prestarted);
        var helped = false;
        StateChange[]? changes = null;
        try
        {
            var alone = !ResolveAndLink();
            ThrowIfFailed();
            if (Volatile.Read(ref _shared.Phase) == Unschedulable)
            {
                HandOver(parallelism);
                return;
            }

            Volatile.Write(ref _shared.Phase, alone ? ExecutingAlone : Executing);
            Execute();
            WaitFor(ref _shared.Executed, _executableCount);
            ThrowIfFailed();
            Volatile.Write(ref _shared.Phase, Finished);

            // A worker that has not joined is kept out; the first one, if in, sorts half of the write set.
            helped = _workers.Length > 0 && WorkerRoster.KeepOutUnlessJoined(_workers, 0);
            Deliver();
            CollectWrites();
            _written.Start(helped);
            changes = _written.SortOwnPart();
        }
        finally
        {
            _failed |= changes is null && Volatile.Read(ref _shared.Phase) != Unschedulable;
            if (Volatile.Read(ref _shared.Phase) != Unschedulable)
            {
                Volatile.Write(ref _shared.Phase, Finished);
            }

            // A worker waiting at the handoff stops waiting (the speculative run has ended, or never began).
            Volatile.Write(ref _shared.HandoffClosed, 1);
            _written.Abandon();
            WorkerRoster.WaitForAll(_workers);
        }

        ThrowIfFailed();
        _overlay.AdoptSorted(changes);
    }

    /// <summary>
    /// The block is not all scheduled transfers: once no worker is looking up slots any more (each has reached the handoff, or
    /// is kept out), the speculative executor runs it, with the workers that are waiting here.
    /// </summary>
    private void HandOver(int parallelism)
    {
        for (var w = 0; w < _workers.Length; w++)
        {
            if (Interlocked.CompareExchange(ref _workers[w], WorkerRoster.Barred, WorkerRoster.Unjoined) == WorkerRoster.Unjoined)
            {
                continue;
            }

            var spinner = default(SpinWait);
            while (Volatile.Read(ref _workers[w]) is not (AtHandoff or WorkerRoster.Left))
            {
                spinner.SpinOnce(sleep1Threshold: -1);
            }
        }

        ParallelTransactionExecutor.Run(_overlay, _context, _transactions, _executable, parallelism, _sink, new Handoff(this));
    }

    private void StartWorkers(IWorkerLauncher? prestarted)
    {
        var work = new Action[_workers.Length];
        for (var w = 0; w < work.Length; w++)
        {
            var worker = w;
            work[w] = () => RunWorker(worker);
        }

        WorkerRoster.Start(prestarted, work);
    }

    /// <summary>A worker helps with whatever step is under way when it joins, and (the first worker) with the sort at the end.</summary>
    private void RunWorker(int worker)
    {
        if (!WorkerRoster.TryJoin(_workers, worker))
        {
            return;
        }

        try
        {
            var spinner = default(SpinWait);
            while (!_failed)
            {
                var phase = Volatile.Read(ref _shared.Phase);
                if (phase == Finished)
                {
                    break;
                }

                if (phase == Unschedulable)
                {
                    TakeHandoff(worker);
                    return;
                }

                if (phase == Resolving && Resolve())
                {
                    spinner = default;
                }
                else if (phase == Executing && Execute())
                {
                    spinner = default;
                }
                else
                {
                    spinner.SpinOnce(sleep1Threshold: -1);
                }
            }

            if (worker == 0 && !_failed)
            {
                _written.HelpSort();
            }
        }
#pragma warning disable CA1031 // Not swallowed: Run rethrows the first failure once every worker has left.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Fail(e);
        }
        finally
        {
            WorkerRoster.Leave(_workers, worker);
        }
    }

    /// <summary>Waits for the speculative executor's work and does this worker's part of it (or nothing, if the block ends first).</summary>
    private void TakeHandoff(int worker)
    {
        Volatile.Write(ref _workers[worker], AtHandoff);
        var spinner = default(SpinWait);
        while (Volatile.Read(ref _handoff) is null && Volatile.Read(ref _shared.HandoffClosed) == 0)
        {
            spinner.SpinOnce(sleep1Threshold: -1);
        }

        if (Volatile.Read(ref _handoff) is { } work)
        {
            work[worker]();
        }
    }

    private void Fail(Exception e)
    {
        Interlocked.CompareExchange(ref _failure, e, null);
        _failed = true;
    }

    private void ThrowIfFailed()
    {
        if (_failure is { } failure)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        }

        if (_failed)
        {
            throw new InvalidOperationException("the scheduled transaction phase was abandoned");
        }
    }

    /// <summary>Looks up the account slots of runs of transactions until none is left to claim; true if it did any.</summary>
    private bool Resolve()
    {
        var did = false;
        while (ResolveNext())
        {
            did = true;
        }

        return did;
    }

    /// <summary>Claims the next run of transactions and looks up their slots (checking that each qualifies); false if none was left.</summary>
    private bool ResolveNext()
    {
        var n = _transactions.Length;
        if (_failed || Volatile.Read(ref _shared.Phase) != Resolving)
        {
            return false;
        }

        var first = Interlocked.Add(ref _shared.NextToResolve, ResolveChunk) - ResolveChunk;
        if (first >= n)
        {
            return false;
        }

        try
        {
            for (var i = first; i < Math.Min(first + ResolveChunk, n); i++)
            {
                if (_executable[i])
                {
                    var body = _transactions[i].Body;
                    if (!IsScheduled(_context, body))
                    {
                        // Written before the run is marked resolved: the linker, having seen the mark, sees this too.
                        Volatile.Write(ref _shared.Phase, Unschedulable);
                        return true;
                    }

                    var to = ((Transfer)body.Payload).To;
                    var sender = body.SenderAddress;
                    _first[i] = _store.AccountSlot(sender);
                    _second[i] = to == sender ? null : _store.AccountSlot(to);
                }
            }
        }
        finally
        {
            Volatile.Write(ref _chunkResolved[first / ResolveChunk], 1);
        }

        return true;
    }

    /// <summary>
    /// The caller's part of the first two steps: it links each run of transactions, in block order, as soon as the run is
    /// resolved, and resolves runs itself while the next one to link is not; the workers only resolve. Returns what
    /// <see cref="Link"/> says once every run is linked, or false as soon as a transaction does not qualify.
    /// </summary>
    private bool ResolveAndLink()
    {
        var n = _transactions.Length;
        var depth = new int[n];
        var longest = 0;
        var spinner = default(SpinWait);
        for (var chunk = 0; chunk < _chunkResolved.Length;)
        {
            if (_failed)
            {
                return false;
            }

            var resolved = Volatile.Read(ref _chunkResolved[chunk]) == 1;
            if (Volatile.Read(ref _shared.Phase) == Unschedulable)
            {
                return false;
            }

            if (resolved)
            {
                var first = chunk * ResolveChunk;
                longest = Link(first, Math.Min(first + ResolveChunk, n), depth, longest);
                chunk++;
                spinner = default;
            }
            else if (ResolveNext())
            {
                spinner = default;
            }
            else
            {
                // The next run to link is being resolved by a worker.
                spinner.SpinOnce(sleep1Threshold: -1);
            }
        }

        Volatile.Write(ref _shared.Phase, Linking);
        return _workers.Length > 0 && (long)_executableCount * 100 >= (long)longest * MinParallelismPercent;
    }

    /// <summary>
    /// Notes the predecessor on each account of transactions <paramref name="from"/> to <paramref name="to"/> (exclusive), in
    /// block order, and the slots touched in first-touch order; returns the longest chain of transactions so far that must
    /// follow one another (<paramref name="depth"/>: each transaction's place in its longest chain).
    /// </summary>
    private int Link(int from, int to, int[] depth, int longest)
    {
        for (var i = from; i < to; i++)
        {
            if (!_executable[i])
            {
                continue;
            }

            var first = _first[i];
            _firstAfter[i] = Touch(first, i);
            var links = _firstAfter[i] < 0 ? 1 : depth[_firstAfter[i]] + 1;
            if (_second[i] is { } second)
            {
                _secondAfter[i] = Touch(second, i);
                links = Math.Max(links, _secondAfter[i] < 0 ? 1 : depth[_secondAfter[i]] + 1);
            }

            depth[i] = links;
            longest = Math.Max(longest, links);
        }

        return longest;
    }

    private int Touch(Slot slot, int index)
    {
        var before = slot.LastToucher;
        if (before < 0)
        {
            _touched.Add(slot);
        }

        slot.LastToucher = index;
        return before;
    }

    /// <summary>
    /// Claims runs of transactions in block order and executes each one whose predecessors have finished, setting the others
    /// aside and retrying them, until nothing is left to claim or set aside; true if it executed any.
    /// </summary>
    private bool Execute()
    {
        if (Volatile.Read(ref _shared.NextToExecute) >= _transactions.Length)
        {
            return false;
        }

        var view = new ScheduledView(_context.Proposer);
        var setAside = new int[MaxSetAside];
        var waiting = 0;
        var done = 0;
        var spinner = default(SpinWait);
        try
        {
            var claimable = true;
            while (!_failed)
            {
                var before = done;
                waiting = Retry(view, setAside, waiting, ref done);
                if (claimable && waiting <= MaxSetAside - ExecuteChunk)
                {
                    var first = Interlocked.Add(ref _shared.NextToExecute, ExecuteChunk) - ExecuteChunk;
                    if (first < _transactions.Length)
                    {
                        var end = Math.Min(first + ExecuteChunk, _transactions.Length);
                        for (var i = first; i < end; i++)
                        {
                            if (!_executable[i])
                            {
                                continue;
                            }

                            // Out of order is safe: a transaction is ready only once its predecessors, set aside or not, have finished.
                            if (TryExecute(view, i))
                            {
                                done++;
                            }
                            else
                            {
                                setAside[waiting++] = i;
                            }
                        }

                        spinner = default;
                        continue;
                    }

                    claimable = false;
                }

                if (waiting == 0)
                {
                    break;
                }

                if (done == before)
                {
                    // What is set aside waits on transactions another thread is executing.
                    spinner.SpinOnce(sleep1Threshold: -1);
                }
                else
                {
                    spinner = default;
                }
            }
        }
        finally
        {
            Publish(done, view);
        }

        return done > 0;
    }

    /// <summary>Retries the set-aside transactions in block order; a later one may wait on an earlier one, never the reverse.</summary>
    private int Retry(ScheduledView view, int[] setAside, int waiting, ref int done)
    {
        var kept = 0;
        for (var k = 0; k < waiting; k++)
        {
            var i = setAside[k];
            if (TryExecute(view, i))
            {
                done++;
            }
            else
            {
                setAside[kept++] = i;
            }
        }

        return kept;
    }

    /// <summary>Adds what this thread executed to the count the caller waits on, and its fees to the block's.</summary>
    private void Publish(int done, ScheduledView view)
    {
        if (view.FeesOwed)
        {
            lock (_feesLock)
            {
                _fees = checked(_fees + view.Fees);
                _feesOwed = true;
            }
        }

        Interlocked.Add(ref _shared.Executed, done);
    }

    /// <summary>Executes transaction <paramref name="index"/> if its predecessor on each account has finished.</summary>
    private bool TryExecute(ScheduledView view, int index)
    {
        var first = _first[index];
        var second = _second[index];
        if (first.Finished != _firstAfter[index] || (second is not null && second.Finished != _secondAfter[index]))
        {
            return false;
        }

        view.Bind(first, second);
        _outcomes[index] = TransactionExecutor.Apply(view, _context, _transactions[index]);

        // The slot's last transaction in the block encodes the account it leaves, for the write set.
        if (first.LastToucher == index)
        {
            first.PublishAccount();
        }

        first.Finished = index;
        if (second is not null)
        {
            if (second.LastToucher == index)
            {
                second.PublishAccount();
            }

            second.Finished = index;
        }

        return true;
    }

    /// <summary>The outcomes, in block order, to the sink (which decides what is included, rejected or skipped).</summary>
    private void Deliver()
    {
        for (var i = 0; i < _transactions.Length; i++)
        {
            var step = _sink.Next(i);
            if (step == SinkStep.Stop)
            {
                return;
            }

            if (step == SinkStep.Skip)
            {
                continue;
            }

            if (!_executable[i])
            {
                throw new InvalidOperationException($"the sink executes transaction {i}, which was not to be executed");
            }

            if (!_sink.Accept(i, _outcomes[i]))
            {
                return;
            }
        }
    }

    /// <summary>The written slots, and the fees as a write of the proposer's account, into the write set.</summary>
    private void CollectWrites()
    {
        foreach (var slot in _touched)
        {
            if (slot.Written)
            {
                _written.Add(slot);
            }
        }

        if (_feesOwed)
        {
            var slot = _store.Slot(StateKeys.Account(_context.Proposer));
            var account = slot.Current is { } bytes ? AccountState.Decode(bytes) : AccountState.Empty;
            slot.Publish(AccountStore.Encode(account with { Balance = checked(account.Balance + _fees) }));
            _written.Add(slot);
        }
    }

    private void WaitFor(ref int counter, int target)
    {
        var spinner = default(SpinWait);
        while (Volatile.Read(ref counter) < target && !_failed && Volatile.Read(ref _shared.Phase) != Unschedulable)
        {
            spinner.SpinOnce(sleep1Threshold: -1);
        }
    }

    /// <summary>The counters threads write, each on a cache line of its own.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 6 * CacheLine)]
    private struct Shared
    {
        private const int CacheLine = 64;

        [FieldOffset(CacheLine)]
        public int Phase;

        [FieldOffset(2 * CacheLine)]
        public int NextToResolve;

        [FieldOffset(3 * CacheLine)]
        public int NextToExecute;

        [FieldOffset(4 * CacheLine)]
        public int Executed;

        [FieldOffset(5 * CacheLine)]
        public int HandoffClosed;
    }
}

/// <summary>Hands the speculative executor's work to the workers waiting at <see cref="ScheduledTransferExecutor"/>'s handoff.</summary>
internal sealed class Handoff(ScheduledTransferExecutor executor) : IWorkerLauncher
{
    public int Count => executor.WorkerCount;

    public void Launch(Action[] work) => executor.Offer(work);
}

/// <summary>
/// What a scheduled transfer executes against: its sender's and its recipient's slots, read and written directly (its
/// predecessors on both have finished and its successors wait for it). Any other key is a broken schedule and throws.
/// The proposer's fee is summed here, not written.
/// </summary>
internal sealed class ScheduledView(Address proposer) : IStateView
{
    private Slot _first = null!;
    private Slot? _second;

    public ulong Fees { get; private set; }

    public bool FeesOwed { get; private set; }

    public void Bind(Slot first, Slot? second)
    {
        _first = first;
        _second = second;
    }

    public byte[]? Get(byte[] key)
    {
        var slot = SlotOf(key);
        slot.PublishAccount();
        return slot.Current;
    }

    public void Set(byte[] key, byte[]? value)
    {
        var slot = SlotOf(key);
        slot.Publish(value);
        slot.Written = true;
    }

    /// <summary>The transfer path's read of an account: held decoded in the slot between transactions (<see cref="Slot.ReadAccount"/>).</summary>
    public AccountState ReadAccount(byte[] key) => SlotOf(key).ReadAccount();

    public void WriteAccount(byte[] key, AccountState account)
    {
        var slot = SlotOf(key);
        slot.WriteAccount(account);
        slot.Written = true;
    }

    public void CreditFee(Address to, ulong fee)
    {
        if (to != proposer)
        {
            throw new InvalidOperationException("a scheduled transfer credited a fee to an account other than the proposer's");
        }

        Fees = checked(Fees + fee);
        FeesOwed = true;
    }

    private Slot SlotOf(byte[] key)
    {
        if (Matches(_first.Key, key))
        {
            return _first;
        }

        if (_second is { } second && Matches(second.Key, key))
        {
            return second;
        }

        throw new InvalidOperationException("a scheduled transfer touched a key outside its sender's and recipient's accounts");
    }

    private static bool Matches(byte[] a, byte[] b) => ReferenceEquals(a, b) || a.AsSpan().SequenceEqual(b);
}
