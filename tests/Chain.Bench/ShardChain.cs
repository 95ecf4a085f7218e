using System.Diagnostics;
using Chain.Core;
using Chain.Core.Blocks;
using Chain.Core.Execution;
using Chain.Core.Sharding;
using Chain.Core.Staking;
using Chain.Core.State;
using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;
using Chain.Protocol.Sharding;
using Chain.Protocol.Transactions;

namespace Chain.Bench;

/// <summary>
/// A sharded chain in memory with an honest relay: each block is proposed (<c>BlockAssembler.Propose</c>) with every
/// receipt still in flight as its incoming receipts (proven with <see cref="IncomingReceipt.ProveAll"/>, grouped by destination),
/// verified (<c>BlockAssembler.Verify</c>, which must rebuild the same header), committed and certified. Propose, Verify
/// and the relay's proofs are timed apart; committing and the checks are not. After every block it checks that no receipt is
/// applied twice or dropped, that every credit reached its recipient, and that balances + stake + in flight is the total supply.
/// </summary>
internal sealed class ShardChain
{
    private readonly ShardWorkload _workload;
    private readonly ExecutionOptions _options;
    private readonly Address[] _addresses;
    private readonly MemoryState _state = new();
    private readonly SortedDictionary<(ushort Destination, ushort Source, ulong Sequence), IncomingReceipt> _pending = [];
    private readonly HashSet<(ushort, ushort, ulong)> _applied = [];
    private ChainHead _head;
    private QuorumCertificate? _last;

    public ShardChain(ShardWorkload workload, ExecutionOptions options)
    {
        _workload = workload;
        _options = options;
        _addresses = [.. workload.Addresses];
        _state.Commit(GenesisState.Changes(workload.Genesis), null);
        _head = GenesisState.Head(workload.Genesis, _state.Root);
    }

    public int PendingCount => _pending.Count;

    public ChainTotals Totals { get; } = new();

    /// <summary>One block: returns null, or what went wrong.</summary>
    public string? Step(SignedTransaction[] transactions)
    {
        var incoming = _pending.Values.ToArray();
        Collect();
        var clock = Stopwatch.StartNew();
        var block = BlockAssembler.Propose(
            _head, ShardWorkload.ChainId, _workload.Parameters, _workload.Keys.Validator.Address, _head.TimeUnixMs + 1000, _last, _state, _state.ProposerTree, transactions, incoming, _options);
        Totals.Build += clock.Elapsed;
        var body = block.ToBlock();
        Collect();
        clock.Restart();
        var (verified, error) = BlockAssembler.Verify(_head, ShardWorkload.ChainId, _workload.Parameters, body, _state, _state.VerifierTree, _options);
        Totals.Verify += clock.Elapsed;
        if (verified is null || verified.Header != block.Header)
        {
            return $"height {block.Header.Height}: verification {(verified is null ? $"failed: {error}" : "rebuilt another header (state root or chunks differ)")}";
        }

        _state.Commit(block.Changes, block.Tree);
        if (_state.Root != block.Header.StateRoot)
        {
            return $"height {block.Header.Height}: committed state root differs from the header's";
        }

        _head = new ChainHead(block.Header.Height, block.Header.Hash(), block.Header.TimeUnixMs, block.Header.StateRoot);
        _last = CommitSigner.Certificate(block.Header, 0, [CommitSigner.Sign(block.Header, 0, block.Validators, _workload.Keys.Validator)]);
        Totals.Blocks++;
        Totals.Included += block.Transactions.Count;
        Totals.Failed += block.Receipts.Count(r => r.Status != ReceiptStatus.Success) + block.Rejected.Count;
        Totals.BlockBytes += body.Encode().Length;
        Totals.StateWrites += block.Changes.Count;
        return Settle(block, incoming.Length) ?? Relay(block);
    }

    private string? Settle(ProposedBlock block, int offered)
    {
        if (block.DroppedIncoming.Count > 0 || block.Incoming.Count != offered)
        {
            var (receipt, problem) = block.DroppedIncoming.Count > 0 ? block.DroppedIncoming[0] : default;
            return $"height {block.Header.Height}: {offered - block.Incoming.Count} of {offered} incoming receipts left out (first: {problem} for {receipt?.Receipt.Source}->{receipt?.Receipt.Destination} #{receipt?.Receipt.Sequence})";
        }

        for (var i = 0; i < block.Incoming.Count; i++)
        {
            var r = block.Incoming[i].Receipt;
            if (!_applied.Add((r.Source, r.Destination, r.Sequence)) || !_pending.Remove((r.Destination, r.Source, r.Sequence)))
            {
                return $"height {block.Header.Height}: receipt {r.Source}->{r.Destination} #{r.Sequence} applied twice or never sent";
            }

            if (block.IncomingOutcomes[i] != IncomingOutcome.Credited)
            {
                return $"height {block.Header.Height}: receipt {r.Source}->{r.Destination} #{r.Sequence} was not credited: {block.IncomingOutcomes[i]}";
            }

            Totals.IncomingBytes += block.Incoming[i].Encode().Length;
            Totals.PathHashes += block.Incoming[i].Path.Count;
        }

        Totals.Applied += block.Incoming.Count;
        return null;
    }

    /// <summary>Proves the block's outgoing receipts (timed apart: the relay's work, not the block's) and checks supply.</summary>
    private string? Relay(ProposedBlock block)
    {
        var clock = Stopwatch.StartNew();
        var proven = block.Outgoing.GroupBy(r => r.Source).SelectMany(chunk => IncomingReceipt.ProveAll([.. chunk])).ToArray();
        Totals.Relay += clock.Elapsed;
        foreach (var entry in proven)
        {
            _pending.Add((entry.Receipt.Destination, entry.Receipt.Source, entry.Receipt.Sequence), entry);
        }

        Totals.Sent += proven.Length;
        var inFlight = _pending.Values.Aggregate(0UL, (sum, e) => checked(sum + e.Receipt.Amount));
        var total = StakingQueries.TotalSupply(_state);
        var counted = StakingQueries.CountedSupply(_state, _addresses);
        return total == checked(counted + inFlight) ? null
            : $"height {block.Header.Height}: total supply {total} != balances and stake {counted} + in flight {inFlight}";
    }

    /// <summary>Garbage from the untimed commit and checks must not be collected on the timed calls' time.</summary>
    private static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
    }

    /// <summary>
    /// Committed state: flat values and tree nodes in dictionaries; a block commits the tree update it was built with. The
    /// proposer and the verifier each keep one tree (and its cache of decoded nodes) for the whole chain, as a validator's
    /// replica does: a tree made per call would decode every node it touches on the timed path.
    /// </summary>
    private sealed class MemoryState : IStateReader, ITreeNodeSource
    {
        private readonly Dictionary<byte[], byte[]> _values = new(ByteArrayComparer.Instance);
        private readonly Dictionary<Hash32, byte[]> _nodes = [];

        public MemoryState() => (ProposerTree, VerifierTree) = (new(this), new(this));

        public Hash32 Root { get; private set; } = Hash32.Zero;

        public SparseMerkleTree ProposerTree { get; }

        public SparseMerkleTree VerifierTree { get; }

        public byte[]? Get(byte[] key) => _values.GetValueOrDefault(key);

        public byte[]? GetNode(Hash32 hash) => _nodes.GetValueOrDefault(hash);

        public void Commit(IReadOnlyList<StateChange> changes, TreeUpdate? update)
        {
            update ??= ProposerTree.Update(Root, changes);
            foreach (var node in update.NewNodes)
            {
                _nodes[node.Hash] = node.Encode();
            }

            foreach (var change in changes)
            {
                if (change.Value is null)
                {
                    _values.Remove(change.Key);
                }
                else
                {
                    _values[change.Key] = change.Value;
                }
            }

            Root = update.Root;
        }
    }
}

/// <summary>What one run of a chain did and how long its timed parts took.</summary>
internal sealed class ChainTotals
{
    public TimeSpan Build { get; set; }

    public TimeSpan Verify { get; set; }

    public TimeSpan Relay { get; set; }

    public int Blocks { get; set; }

    public int Included { get; set; }

    public int Failed { get; set; }

    public int Sent { get; set; }

    public int Applied { get; set; }

    public long BlockBytes { get; set; }

    public long IncomingBytes { get; set; }

    public long PathHashes { get; set; }

    public long StateWrites { get; set; }
}
