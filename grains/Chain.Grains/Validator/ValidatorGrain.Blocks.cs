using Chain.Core.Blocks;
using Chain.Core.Consensus;
using Chain.GrainInterfaces;
using Chain.Grains.Consensus;
using Chain.Protocol.Blocks;
using Chain.Protocol.Consensus;
using Chain.Protocol.Crypto;
using Chain.Protocol.Encoding;
using Chain.Protocol.Sharding;
using Chain.Protocol.Transactions;
using Orleans.Concurrency;

namespace Chain.Grains.Validator;

/// <summary>Blocks: building a proposal, re-executing others' proposals on the replica, and committing decisions.</summary>
public sealed partial class ValidatorGrain
{
    /// <summary>Proposals this validator re-executed at the current height, by block hash, with their outcome.</summary>
    private readonly Dictionary<Hash32, ProposedBlock> _verified = [];

    /// <summary>The set that certified the replica's head, when this validator decided it (null after catch-up or restart).</summary>
    private ValidatorSet? _decidedBy;

    private async Task<IReadOnlyList<ConsensusAction>> BuildValueAsync(RequestValue request)
    {
        var candidates = await CandidatesAsync();
        var incoming = genesis.Parameters.ShardCount > 1 ? await IncomingReceiptsAsync() : [];
        var head = _replica.Head!;
        var block = ChainRules.Propose(genesis, head, _key.Address, NowMs(), _replica.LastCertificate, _replica.State, _replica.Tree, candidates, incoming, contracts);
        _verified[block.Header.Hash()] = block;
        return _machine.ProposeValue(request.Height, request.Round, new ProposalValue(block.Header.Hash(), block.ToBlock().Encode()));
    }

    /// <summary>
    /// Pending transactions from every lane: shard 0's from the ledger, the others' from their lane grains, asked at once and
    /// interleaved lane by lane (so no lane starves another when the block fills). A lane that does not answer only leaves its
    /// transactions for the next block.
    /// </summary>
    private static readonly TimeSpan LaneWait = TimeSpan.FromSeconds(1);

    private async Task<SignedTransaction[]> CandidatesAsync()
    {
        var max = (int)genesis.Parameters.MaxBlockTransactions;
        var shards = genesis.Parameters.ShardCount;
        var asks = new Task<Immutable<SignedTransaction[]>>[shards];
        asks[0] = Ledger.GetCandidatesAsync(max);
        for (var s = 1; s < shards; s++)
        {
            // Bounded: a lane whose silo just died must not hold up the proposal until the call times out.
            asks[s] = GrainFactory.GetGrain<IShardLaneGrain>(s).GetCandidatesAsync(max).WaitAsync(LaneWait, clock);
        }

        var lanes = new SignedTransaction[shards][];
        for (var s = 0; s < shards; s++)
        {
            try
            {
                lanes[s] = (await asks[s]).Value;
            }
            catch (Exception e) when (e is OrleansException or TimeoutException or ArgumentException)
            {
                ValidatorLog.LaneUnavailable(log, _name, s, e.Message);
                lanes[s] = [];
            }
        }

        if (shards == 1)
        {
            return lanes[0];
        }

        var merged = new List<SignedTransaction>(Math.Min(max, lanes.Sum(l => l.Length)));
        for (var i = 0; merged.Count < max && lanes.Any(l => i < l.Length); i++)
        {
            foreach (var lane in lanes)
            {
                if (i < lane.Length && merged.Count < max)
                {
                    merged.Add(lane[i]);
                }
            }
        }

        return [.. merged];
    }

    /// <summary>
    /// Cross-shard receipts in flight, as the ledger offers them with their proofs. The proposal checks each proof itself; a ledger that
    /// cannot answer (or answers with bytes that do not decode) costs the block its receipts, never the proposal: they wait for the next.
    /// </summary>
    private async Task<IncomingReceipt[]> IncomingReceiptsAsync()
    {
        try
        {
            return [.. (await Ledger.GetIncomingReceiptsAsync(Chain.Protocol.ProtocolLimits.MaxIncomingPerBlock)).Select(b => IncomingReceipt.Decode(b))];
        }
        catch (Exception e) when (e is OrleansException or TimeoutException or DecodeException or InvalidOperationException or InvalidDataException)
        {
            ValidatorLog.ReceiptsUnavailable(log, _name, e.Message);
            return [];
        }
    }

    /// <summary>
    /// The machine's validity check: the block decodes, is the one the proposal names, is not too far in the
    /// future of this node's clock, and re-executes on this validator's own replica to the header's roots.
    /// </summary>
    public bool IsValid(ulong height, ProposalValue value)
    {
        if (_verified.ContainsKey(value.Hash))
        {
            return true;
        }

        Block block;
        try
        {
            block = Block.Decode(value.Bytes);
        }
        catch (DecodeException e)
        {
            return Invalid(height, value.Hash, e.Message);
        }

        if (block.Hash() != value.Hash || block.Header.Height != height)
        {
            return Invalid(height, value.Hash, "the block is not the one the proposal names");
        }

        if (block.Header.TimeUnixMs > NowMs() + (long)_options.MaxClockDrift.TotalMilliseconds)
        {
            return Invalid(height, value.Hash, "the block time is too far in the future");
        }

        if (!IsMember(block.Header.Proposer))
        {
            return Invalid(height, value.Hash, "the header's proposer is not a validator");
        }

        var (verified, error) = ChainRules.Verify(genesis, _replica.Head!, block, _replica.State, _replica.Tree, contracts);
        if (verified is null)
        {
            return Invalid(height, value.Hash, error ?? "re-execution failed");
        }

        _verified[value.Hash] = verified;
        return true;
    }

    private bool IsMember(Address address) => _machine.Validators.Validators.Any(v => v.Address == address);

    private bool Invalid(ulong height, Hash32 hash, string reason)
    {
        ValidatorLog.InvalidProposal(log, _name, height, hash, reason);
        return false;
    }

    /// <summary>Hands the decided block to the ledger, then applies it to the replica and waits for the next height.</summary>
    private async Task<IReadOnlyList<ConsensusAction>> CommitAsync(Decide decide)
    {
        if (!_verified.TryGetValue(decide.Value.Hash, out var block) && !IsValid(decide.Height, decide.Value))
        {
            // More than 2/3 precommitted a block this replica cannot re-execute: it must be behind or broken.
            _catchUpNeeded = true;
            _running = false;
            return [];
        }

        block = _verified[decide.Value.Hash];
        var finalized = block.Finalize(decide.Certificate);
        if (_replica.Height + 1 == decide.Height)
        {
            decided.Add(block);
        }

        while (true)
        {
            try
            {
                _pendingInLedger = await Ledger.CommitAsync(new Immutable<byte[]>(finalized.Encode()));
                break;
            }
            catch (Exception e) when (e is OrleansException or TimeoutException or InvalidOperationException or ArgumentException)
            {
                ValidatorLog.CommitFailed(log, _name, decide.Height, e);
                if (e is ArgumentException)
                {
                    // The ledger moved on without this block (another validator committed first at a different height?): resync.
                    _catchUpNeeded = true;
                    break;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(200), clock);
            }
        }

        if (_replica.Height + 1 == decide.Height)
        {
            _replica.Apply(block, decide.Certificate);
            _decidedBy = _machine.Validators;
        }

        ValidatorLog.Decided(log, _name, decide.Height, decide.Round, decide.Value.Hash);
        _running = false;
        _timeouts.Clear();
        _lastCommitAtMs = NowMs();
        return [];
    }

    /// <summary>
    /// Adds a precommit for the block just decided that arrived after the decision, so the next proposal
    /// carries a fuller parent certificate: rewards and the downtime record count who actually signed, not
    /// only the first two thirds to arrive. At most one signature check per validator per height.
    /// </summary>
    private void ExtendLastCertificate(SignedVote vote)
    {
        if (_replica.LastCertificate is not { } certificate || _decidedBy is not { } set ||
            vote.Vote.Kind != VoteKind.Precommit || vote.Vote.Round != certificate.Round || vote.Vote.BlockHash != certificate.BlockHash ||
            !string.Equals(vote.Vote.ChainId, genesis.ChainId, StringComparison.Ordinal))
        {
            return;
        }

        var index = set.IndexOf(vote.Validator);
        if (index < 0 || certificate.Signatures.Any(s => s.ValidatorIndex == (uint)index) || !vote.HasValidSignature())
        {
            return;
        }

        _replica.ReplaceLastCertificate(certificate with
        {
            Signatures = [.. certificate.Signatures.Append(new CommitSignature((uint)index, vote.Signature)).OrderBy(s => s.ValidatorIndex)],
        });
    }

    /// <summary>Brings the replica up to the ledger's height, verifying each block's certificate and re-executing it.</summary>
    private async Task CatchUpAsync()
    {
        var from = _replica.Height;
        try
        {
            var ledgerHeight = (await Ledger.GetStatusAsync()).Height;
            while (_replica.Height < ledgerHeight)
            {
                var bytes = await Ledger.GetBlockAsync(_replica.Height + 1) ?? throw new InvalidOperationException($"the ledger has no block {_replica.Height + 1}");
                var block = FinalizedBlock.Decode(bytes);
                var check = CertificateVerifier.Verify(block.Header, block.Certificate, ChainRules.ActiveSet(_replica.State));
                if (!check.IsValid)
                {
                    throw new InvalidOperationException($"ledger block {block.Header.Height} does not verify: {check.Error}");
                }

                var (verified, error) = ChainRules.VerifyCertified(genesis, _replica.Head!, block.ToBlock(), _replica.State, _replica.Tree, contracts);
                _decidedBy = null;
                _replica.Apply(verified ?? throw new InvalidOperationException($"ledger block {block.Header.Height} does not re-execute: {error}"), block.Certificate);
            }
        }
        catch (Exception e) when (e is OrleansException or TimeoutException or InvalidOperationException or DecodeException)
        {
            ValidatorLog.CatchUpFailed(log, _name, e);
            return;
        }

        _catchUpNeeded = false;
        if (_replica.Height != from)
        {
            ValidatorLog.CaughtUp(log, _name, from, _replica.Height);
            _running = false;
            _timeouts.Clear();
            _lastCommitAtMs = NowMs();
        }
    }
}
