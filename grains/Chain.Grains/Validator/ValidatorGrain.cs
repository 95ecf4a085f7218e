using Chain.Core.Consensus;
using Chain.Core.Execution;
using Chain.GrainInterfaces;
using Chain.Grains.Consensus;
using Chain.Grains.Hosting;
using Chain.Protocol.Consensus;
using Chain.Protocol.Crypto;
using Chain.Protocol.Encoding;
using Chain.Protocol.Genesis;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace Chain.Grains.Validator;

/// <summary>
/// Drives one validator: the pure <see cref="ConsensusMachine"/> (Chain.Core) fed with peers' messages and
/// timeouts, a replica of the state that it re-executes every proposal on, and the double-sign guard.
/// Thin by design: the protocol rules are the machine's; this class does I/O, signing and timing.
/// Not reentrant: messages, ticks and their grain calls run one at a time.
/// </summary>
[ValidatorPlacement]
public sealed partial class ValidatorGrain(
    LedgerStore ledger,
    GenesisDocument genesis,
    HostedValidators keys,
    DecidedBlocks decided,
    IContractHost contracts,
    ValidatorSupervisor supervisor,
    IOptions<BlockProductionOptions> options,
    TimeProvider clock,
    ILogger<ValidatorGrain> log)
    : Grain, IValidatorGrain, IValueValidator
{
    private const int MaxHeldMessages = 4096;
    private readonly BlockProductionOptions _options = options.Value;
    private readonly List<PendingTimeout> _timeouts = [];
    private readonly List<byte[]> _ownMessages = [];
    private readonly List<byte[]> _heldMessages = [];
    private readonly HashSet<Hash32> _heldHashes = [];
    private KeyPair _key = null!;
    private string _name = string.Empty;
    private ValidatorReplica _replica = null!;
    private SignerGuard _guard = null!;
    private ConsensusMachine _machine = null!;
    private bool _running;
    private bool _catchUpNeeded = true;
    private long _lastCommitAtMs;
    private long _lastProgressAtMs;
    private int _pendingInLedger;

    private IShardGrain Ledger => GrainFactory.GetGrain<IShardGrain>(ClusterDefaults.ShardZero);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _name = this.GetPrimaryKeyString();
        _key = keys.Find(_name) ?? throw new InvalidOperationException($"this silo does not hold the key of validator {_name}");
        _replica = new ValidatorReplica(ledger.KeyValues, _key.Address);
        _replica.EnsureGenesis(genesis);
        _guard = new SignerGuard(_replica.Store);
        _machine = new ConsensusMachine(genesis.ChainId, _key.PublicKey, this);
        _lastCommitAtMs = _lastProgressAtMs = NowMs();
        ValidatorLog.Started(log, _name, _replica.Height, _replica.Head!.StateRoot);
        this.RegisterGrainTimer(OnTickAsync, new GrainTimerCreationOptions(_options.TickInterval, _options.TickInterval)
        {
            KeepAlive = true,
            Interleave = false,
        });
        return Task.CompletedTask;
    }

    public Task StartAsync() => Task.CompletedTask;

    public async Task DeliverAsync(Immutable<byte[]> message)
    {
        ConsensusMessage decoded;
        try
        {
            decoded = ConsensusMessage.Decode(message.Value);
        }
        catch (DecodeException e)
        {
            ValidatorLog.Dropped(log, _name, e.Message);
            return;
        }

        var height = decoded switch
        {
            ProposalMessage p => p.Proposal.Height,
            VoteMessage v => v.Vote.Vote.Height,
            _ => 0UL,
        };
        var next = _replica.Height + 1;
        if (height == _replica.Height && decoded is VoteMessage late)
        {
            ExtendLastCertificate(late.Vote);
            return;
        }

        if (height > next)
        {
            // Others are past the height this replica has: the ledger has the blocks in between.
            _catchUpNeeded = true;
            return;
        }

        if (height < next)
        {
            return;
        }

        if (!_running)
        {
            // A peer started this height already: so does this validator (it was waiting for transactions).
            await StartHeightAsync();
        }

        var actions = decoded switch
        {
            ProposalMessage p => _machine.OnProposal(p.Proposal, new ProposalValue(p.Proposal.BlockHash, p.Block)),
            VoteMessage v => _machine.OnVote(v.Vote),
            _ => [],
        };
        if (actions.Count == 0 || actions[0] is not InputRejected)
        {
            Hold(message.Value);
        }

        await ProcessAsync(actions);
    }

    public Task<ValidatorStatus> GetStatusAsync()
    {
        var last = _guard.Last;
        return Task.FromResult(new ValidatorStatus(
            _name,
            _running ? _machine.Height : _replica.Height + 1,
            _running ? _machine.Round : 0,
            _running ? _machine.Step.ToString() : "waiting",
            _replica.Height,
            _replica.Head!.StateRoot.ToArray(),
            last?.Height ?? 0,
            last?.Round ?? 0,
            last?.Step.ToString() ?? "none",
            ChainRules.ActiveSet(_replica.State).IndexOf(_key.PublicKey) >= 0));
    }

    private async Task OnTickAsync(CancellationToken cancellationToken)
    {
        if (_catchUpNeeded)
        {
            await CatchUpAsync();
        }

        if (!_running)
        {
            await MaybeStartHeightAsync();
            return;
        }

        await SubmitEvidenceAsync();
        var now = NowMs();
        var due = _timeouts.Where(t => t.DueAtMs <= now).ToList();
        foreach (var timeout in due)
        {
            _timeouts.Remove(timeout);
            await ProcessAsync(_machine.OnTimeout(timeout.Height, timeout.Round, timeout.Step));
        }

        if (_running && now - _lastProgressAtMs >= (long)_options.RebroadcastInterval.TotalMilliseconds)
        {
            _lastProgressAtMs = now;
            foreach (var message in _ownMessages.Concat(_heldMessages))
            {
                Broadcast(message);
            }
        }
    }

    /// <summary>
    /// Between heights: start the next one once transactions wait and the block interval passed, or the empty-block
    /// interval passed. When the ledger already held a full block's worth at the last commit, the interval (time to
    /// collect transactions) is skipped: under load, waiting would only add latency and cap throughput.
    /// </summary>
    private async Task MaybeStartHeightAsync()
    {
        var sinceCommit = NowMs() - _lastCommitAtMs;
        var fullBlockWaiting = _pendingInLedger >= (long)genesis.Parameters.MaxBlockTransactions;
        if (sinceCommit < (long)_options.BlockInterval.TotalMilliseconds && !fullBlockWaiting)
        {
            return;
        }

        if (sinceCommit < (long)_options.EmptyBlockInterval.TotalMilliseconds)
        {
            try
            {
                _pendingInLedger = await Ledger.GetPendingCountAsync();
            }
            catch (Exception e) when (e is OrleansException or TimeoutException)
            {
                return;
            }

            if (_pendingInLedger == 0)
            {
                return;
            }
        }

        await StartHeightAsync();
    }

    private async Task StartHeightAsync()
    {
        var height = _replica.Height + 1;
        var validators = ChainRules.ActiveSet(_replica.State);
        ConsensusSnapshot? resume = null;
        if (_guard.Last is { } last && last.Height == height && _guard.LastSnapshot is { } snapshot)
        {
            resume = ConsensusSnapshot.Decode(snapshot);
            ValidatorLog.Resumed(log, _name, height, resume.Round);
        }

        _running = true;
        _timeouts.Clear();
        _ownMessages.Clear();
        _heldMessages.Clear();
        _heldHashes.Clear();
        _verified.Clear();
        _lastProgressAtMs = NowMs();
        await ProcessAsync(_machine.StartHeight(height, validators, _replica.Head!.BlockHash, resume));
    }

    /// <summary>
    /// Keeps a peer's accepted message of the current height for re-sending: Tendermint is live only if
    /// every message an honest validator holds eventually reaches the others, even when its signer crashed
    /// after reaching only some of them. Signed, so relaying is safe; bounded per height.
    /// </summary>
    private void Hold(byte[] message)
    {
        if (_heldMessages.Count < MaxHeldMessages && _heldHashes.Add(Hashing.Sha256(message)))
        {
            _heldMessages.Add(message);
        }
    }

    private long NowMs() => clock.GetUtcNow().ToUnixTimeMilliseconds();

    private sealed record PendingTimeout(long DueAtMs, ulong Height, uint Round, ConsensusStep Step);
}
