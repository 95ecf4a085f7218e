using Chain.Core.Consensus;
using Chain.Protocol.Blocks;
using Chain.Protocol.Consensus;
using Chain.Protocol.Crypto;

namespace Chain.Tests.Unit.Consensus;

/// <summary>
/// The simulation's omniscient referee. It sees every signature anyone makes and every decision and piece of evidence,
/// and records a failure whenever a property breaks: agreement, validity, honest double signing, voting against a lock
/// without a newer polka, precommitting without a polka, or evidence against an honest validator.
/// </summary>
internal sealed class SimulationMonitor(ValidatorSet set, IReadOnlySet<PublicKey> byzantine)
{
    private readonly Dictionary<ulong, Hash32> _decided = [];
    private readonly Dictionary<(PublicKey Validator, ulong Height, uint Round, VoteKind Kind), Hash32> _honestVotes = [];
    private readonly Dictionary<(PublicKey Validator, ulong Height), (uint Round, Hash32 Hash)> _honestLocks = [];
    private readonly Dictionary<(ulong Height, uint Round, Hash32 Hash), ulong> _prevotePower = [];
    private readonly HashSet<(PublicKey Validator, ulong Height, uint Round, Hash32 Hash)> _prevoters = [];

    public ValidatorSet Set { get; } = set;

    public List<string> Failures { get; } = [];

    public List<SignedVote> SignedVotes { get; } = [];

    public List<ProposalMessage> SignedProposals { get; } = [];

    public int MachineDecisions { get; private set; }

    public int SyncedDecisions { get; private set; }

    public Dictionary<PublicKey, int> EvidenceAgainst { get; } = [];

    public ulong HighestDecided { get; private set; }

    public Hash32 PreviousHash(ulong height) => height == 1 ? ConsensusKit.Genesis : _decided.GetValueOrDefault(height - 1);

    public bool IsDecided(ulong height) => _decided.ContainsKey(height);

    public void Decided(int node, ulong height, ProposalValue value, bool byMachine)
    {
        if (byMachine)
        {
            MachineDecisions++;
        }
        else
        {
            SyncedDecisions++;
        }

        if (_decided.TryGetValue(height, out var first))
        {
            if (first != value.Hash)
            {
                Failures.Add($"agreement: node {node} decided {value.Hash} at height {height}, another honest node {first}");
            }

            return;
        }

        _decided[height] = value.Hash;
        HighestDecided = Math.Max(HighestDecided, height);
        if (!BlockValidator.Check(Set, height, value) || ConsensusKit.HeaderOf(value).PreviousHash != PreviousHash(height))
        {
            Failures.Add($"validity: height {height} decided a block the validator rejects");
        }
    }

    /// <summary>Any signed prevote or precommit, by anyone, honest or not.</summary>
    public void Signed(SignedVote vote)
    {
        SignedVotes.Add(vote);
        var v = vote.Vote;
        if (v.Kind == VoteKind.Prevote && _prevoters.Add((vote.Validator, v.Height, v.Round, v.BlockHash)))
        {
            var key = (v.Height, v.Round, v.BlockHash);
            _prevotePower[key] = _prevotePower.GetValueOrDefault(key) + Set.Validators[Set.IndexOf(vote.Validator)].Power;
        }
    }

    /// <summary>An honest validator's machine asked to sign <paramref name="vote"/>: check it against everything that validator asked for before, across restarts.</summary>
    public void HonestVoteRequested(PublicKey validator, Vote vote)
    {
        var slot = (validator, vote.Height, vote.Round, vote.Kind);
        if (_honestVotes.TryGetValue(slot, out var earlier))
        {
            Failures.Add(earlier == vote.BlockHash
                ? $"honest {validator} asked twice to sign the same {vote.Kind} at height {vote.Height} round {vote.Round}"
                : $"honest {validator} asked to sign conflicting {vote.Kind}s at height {vote.Height} round {vote.Round}");
            return;
        }

        _honestVotes[slot] = vote.BlockHash;
        if (vote.BlockHash.IsZero)
        {
            return;
        }

        if (vote.Kind == VoteKind.Precommit)
        {
            if (!HasPolka(vote.Height, vote.Round, vote.BlockHash))
            {
                Failures.Add($"honest {validator} precommitted without a polka at height {vote.Height} round {vote.Round}");
            }

            _honestLocks[(validator, vote.Height)] = (vote.Round, vote.BlockHash);
            return;
        }

        if (_honestLocks.TryGetValue((validator, vote.Height), out var locked) && locked.Round < vote.Round && locked.Hash != vote.BlockHash)
        {
            var released = false;
            for (var vr = locked.Round; vr < vote.Round && !released; vr++)
            {
                released = HasPolka(vote.Height, vr, vote.BlockHash);
            }

            if (!released)
            {
                Failures.Add($"honest {validator} locked in round {locked.Round} prevoted another block in round {vote.Round} with no polka since its lock");
            }
        }
    }

    public void Evidence(int node, DuplicateVoteEvidence evidence)
    {
        if (evidence.Check(ConsensusKit.ChainId) is { } error)
        {
            Failures.Add($"node {node} reported evidence that does not check: {error}");
        }

        if (!byzantine.Contains(evidence.First.Validator))
        {
            Failures.Add($"node {node} reported evidence against honest {evidence.First.Validator}");
        }

        EvidenceAgainst[evidence.First.Validator] = EvidenceAgainst.GetValueOrDefault(evidence.First.Validator) + 1;
    }

    public void Fail(string failure) => Failures.Add(failure);

    private bool HasPolka(ulong height, uint round, Hash32 hash) => Set.IsQuorum(_prevotePower.GetValueOrDefault((height, round, hash)));
}
