using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;

namespace Chain.Core.Consensus;

/// <summary>
/// Tendermint consensus for one validator (Buchman, Kwon, Milosevic 2018, "The latest gossip on BFT consensus",
/// Algorithm 1), as a pure state machine: messages and timeouts in, <see cref="ConsensusAction"/>s out.
/// It never signs, sends, stores or reads a clock; it has no randomness and iterates nothing unordered, so the same
/// inputs give the same outputs on every machine. Safety holds while validators with less than 1/3 of the power are
/// Byzantine, provided the host persists <see cref="Snapshot"/> before every signature and never signs two different
/// messages for one (height, round, step). Every input is checked at bounded cost (at most one Ed25519 verification per
/// message) and kept in bounded memory (per round: one vote per validator and kind, one conflicting vote kept as
/// evidence, two proposals); bad input is answered with <see cref="InputRejected"/>, never an exception.
/// Not thread-safe: the host calls it from one activation.
/// </summary>
public sealed partial class ConsensusMachine
{
    /// <summary>Messages for rounds beyond <c>Round + MaxRoundsAhead</c> are rejected, which bounds the rounds kept per height.</summary>
    public const uint MaxRoundsAhead = 8;

    /// <summary>At most this many votes for the next height are buffered (unverified) and replayed on <see cref="StartHeight"/>.</summary>
    public const int MaxBufferedVotes = 4096;

    /// <summary>At most this many proposals for the next height are buffered; each carries a block.</summary>
    public const int MaxBufferedProposals = 4;

    private readonly string _chainId;
    private readonly PublicKey? _self;
    private readonly IValueValidator _validator;

    private ValidatorSet? _validators;
    private Dictionary<PublicKey, int> _indexOf = [];
    private Hash32 _leaderSeed;
    private int _selfIndex = -1;

    private readonly Dictionary<uint, RoundMessages> _rounds = [];
    private readonly Dictionary<Hash32, ProposalValue> _values = [];
    private readonly Dictionary<Hash32, bool> _validity = [];
    private readonly List<(uint Round, Hash32 Hash)> _commitCandidates = [];

    private int _lockedRound = -1;
    private Hash32 _lockedHash;
    private int _validRound = -1;
    private ProposalValue? _validValue;
    private bool _awaitingValue;
    private int _storedMessages;

    /// <param name="chainId">Messages for any other chain are rejected.</param>
    /// <param name="self">This validator's consensus key, or null for an observer, which follows and decides but never asks to sign.</param>
    /// <param name="validator">The host's check of proposed values.</param>
    public ConsensusMachine(string chainId, PublicKey? self, IValueValidator validator)
    {
        ArgumentNullException.ThrowIfNull(chainId);
        ArgumentNullException.ThrowIfNull(validator);
        _chainId = chainId;
        _self = self;
        _validator = validator;
    }

    /// <summary>The height being decided; 0 before the first <see cref="StartHeight"/>.</summary>
    public ulong Height { get; private set; }

    public uint Round { get; private set; }

    public ConsensusStep Step { get; private set; } = ConsensusStep.Propose;

    /// <summary>The set that certifies <see cref="Height"/>.</summary>
    public ValidatorSet Validators => _validators ?? throw new InvalidOperationException("no height has been started");

    /// <summary>Votes and proposals held for this height plus those buffered for the next: what bad input could inflate.</summary>
    public int RetainedMessages => _storedMessages + _bufferedVotes.Count + _bufferedProposals.Count;

    /// <summary>
    /// Starts deciding <paramref name="height"/>, certified by <paramref name="validators"/>, with the proposer order fixed by
    /// <paramref name="leaderSeed"/> (the previous block's hash; the genesis hash at height 1). Forgets everything about the
    /// previous height, then replays the messages buffered for this one.
    /// </summary>
    /// <param name="resume">
    /// After a restart, the last snapshot persisted at this height: the lock and valid value are restored and the machine
    /// resumes at the snapshot's round and step, so it never votes against its lock or votes twice in a step it may already
    /// have signed. A snapshot for another height is ignored (and reported).
    /// </param>
    public IReadOnlyList<ConsensusAction> StartHeight(ulong height, ValidatorSet validators, Hash32 leaderSeed, ConsensusSnapshot? resume = null)
    {
        ArgumentOutOfRangeException.ThrowIfZero(height);
        ArgumentNullException.ThrowIfNull(validators);
        if (resume?.Check() is { } error)
        {
            throw new ArgumentException($"inconsistent resume snapshot: {error}", nameof(resume));
        }

        Height = height;
        _validators = validators;
        _leaderSeed = leaderSeed;
        _indexOf = new Dictionary<PublicKey, int>(validators.Count);
        for (var i = 0; i < validators.Count; i++)
        {
            _indexOf[validators.Validators[i].PublicKey] = i;
        }

        _selfIndex = _self is { } self ? validators.IndexOf(self) : -1;
        _rounds.Clear();
        _storedMessages = 0;
        _values.Clear();
        _validity.Clear();
        _commitCandidates.Clear();
        _awaitingValue = false;
        _lockedRound = -1;
        _lockedHash = Hash32.Zero;
        _validRound = -1;
        _validValue = null;

        var output = new List<ConsensusAction>();
        if (resume is not null && resume.Height == height)
        {
            _lockedRound = resume.LockedRound;
            _lockedHash = resume.LockedHash;
            _validRound = resume.ValidRound;
            _validValue = resume.ValidValue;
            if (resume.Step == ConsensusStep.Propose)
            {
                // A leader may have signed its proposal before the crash; proposing again could sign a second, different one.
                StartRound(resume.Round, output, propose: false);
            }
            else
            {
                // It may already have signed this step's vote: stay in the step, sign nothing more in it, and let the
                // step's timeout move on (precommit nil, then the next round), so even a network that restarted as a
                // whole makes progress.
                Round = resume.Round;
                Step = resume.Step == ConsensusStep.Decided ? ConsensusStep.Precommit : resume.Step;
                var round = RoundAt(Round);
                round.PrevoteTimeoutScheduled = Step == ConsensusStep.Prevote;
                round.PrecommitTimeoutScheduled = Step == ConsensusStep.Precommit;
                output.Add(new ScheduleTimeout(Height, Round, Step));
            }
        }
        else
        {
            if (resume is not null)
            {
                output.Add(new InputRejected($"resume snapshot is for height {resume.Height}, not {height}; ignored"));
            }

            StartRound(0, output);
        }

        Advance(output);
        ReplayBuffered(output);
        return output;
    }

    /// <summary>The lock state to persist before signing anything the machine asked for.</summary>
    public ConsensusSnapshot Snapshot() =>
        new(Height, Round, Step, _lockedRound, _lockedHash, _validRound, _validValue);

    /// <summary>The host's answer to <see cref="RequestValue"/>: the block this validator proposes at (height, round).</summary>
    public IReadOnlyList<ConsensusAction> ProposeValue(ulong height, uint round, ProposalValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!_awaitingValue || height != Height || round != Round || Step != ConsensusStep.Propose)
        {
            return Reject($"no value was requested for height {height} round {round}");
        }

        if (value.Hash.IsZero)
        {
            return Reject("a proposed value cannot have the nil hash");
        }

        _awaitingValue = false;
        return [new SignProposal(Height, Round, -1, value)];
    }

    /// <summary>A timeout the machine scheduled has fired. Timeouts for a step, round or height already left are no-ops.</summary>
    public IReadOnlyList<ConsensusAction> OnTimeout(ulong height, uint round, ConsensusStep step)
    {
        if (_validators is null || height != Height || Step == ConsensusStep.Decided || round != Round)
        {
            return [];
        }

        var output = new List<ConsensusAction>();
        switch (step)
        {
            case ConsensusStep.Propose when Step == ConsensusStep.Propose:
                Vote(VoteKind.Prevote, Hash32.Zero, output);
                Step = ConsensusStep.Prevote;
                break;
            case ConsensusStep.Prevote when Step == ConsensusStep.Prevote:
                Vote(VoteKind.Precommit, Hash32.Zero, output);
                Step = ConsensusStep.Precommit;
                break;
            case ConsensusStep.Precommit when Round < uint.MaxValue:
                StartRound(Round + 1, output);
                break;
            default:
                return [];
        }

        Advance(output);
        return output;
    }

    private uint MaxRound => Round > uint.MaxValue - MaxRoundsAhead ? uint.MaxValue : Round + MaxRoundsAhead;

    private RoundMessages RoundAt(uint round)
    {
        if (!_rounds.TryGetValue(round, out var messages))
        {
            messages = new RoundMessages(Validators);
            _rounds[round] = messages;
        }

        return messages;
    }

    private static InputRejected[] Reject(string reason) => [new InputRejected(reason)];
}
