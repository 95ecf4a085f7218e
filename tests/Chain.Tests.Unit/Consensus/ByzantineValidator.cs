using Chain.Core.Consensus;
using Chain.Protocol.Blocks;
using Chain.Protocol.Consensus;
using Chain.Protocol.Crypto;

namespace Chain.Tests.Unit.Consensus;

/// <summary>
/// An equivocating validator. The first time it hears of a (height, round) it splits the other validators in two at
/// random and tells each half a different story: as leader, two different proposals; then a prevote and a precommit
/// for one block to one half and for another block (or nil) to the other half, with votes for the next rounds thrown
/// in to tempt round skipping. It knows every decision (it is omniscient), so it can compute leaders.
/// </summary>
internal sealed class ByzantineValidator(int id, KeyPair key, SimulatedNetwork network, SimulationMonitor monitor, int invalidPercent) : ISimulatedNode
{
    private readonly HashSet<(ulong Height, uint Round)> _acted = [];

    public int Id { get; } = id;

    public KeyPair Key { get; } = key;

    public void Receive(int from, object message)
    {
        var (height, round, seen) = message switch
        {
            ProposalMessage p => (p.Proposal.Height, p.Proposal.Round, p.Proposal.BlockHash),
            VoteMessage v => (v.Vote.Vote.Height, v.Vote.Vote.Round, v.Vote.Vote.BlockHash),
            _ => (0UL, 0U, Hash32.Zero),
        };

        if (height == 0 || monitor.IsDecided(height) || (height > 1 && !monitor.IsDecided(height - 1)) || !_acted.Add((height, round)))
        {
            return;
        }

        var set = monitor.Set;
        var previous = monitor.PreviousHash(height);
        var half = new bool[network.Nodes.Count];
        for (var i = 0; i < half.Length; i++)
        {
            half[i] = network.Random.Next(2) == 0;
        }

        var a = Block(height, round, 1, previous);
        var b = Block(height, round, 2, previous);
        if (LeaderSelection.Leader(set, previous, height, round) == set.IndexOf(Key.PublicKey))
        {
            SendSplit(half, Propose(height, round, a), Propose(height, round, b));
        }

        var one = seen.IsZero ? a.Hash : seen;
        var other = network.Random.Next(2) == 0 ? Hash32.Zero : b.Hash;
        foreach (var kind in new[] { VoteKind.Prevote, VoteKind.Precommit })
        {
            SendSplit(half, Vote(kind, height, round, one), Vote(kind, height, round, other));
        }

        if (network.Random.Next(4) == 0)
        {
            network.Broadcast(Id, Vote(VoteKind.Prevote, height, round + 1 + (uint)network.Random.Next(3), Hash32.Zero));
        }
    }

    private ProposalValue Block(ulong height, uint round, int variant, Hash32 previous) =>
        ConsensusKit.Block(monitor.Set, height, round, variant: 500 + ((int)round * 4) + variant, valid: network.Random.Next(100) >= invalidPercent, previous);

    private ProposalMessage Propose(ulong height, uint round, ProposalValue value)
    {
        var message = new ProposalMessage(ConsensusKit.Proposal(Key, height, round, value), value.Bytes);
        monitor.SignedProposals.Add(message);
        return message;
    }

    private VoteMessage Vote(VoteKind kind, ulong height, uint round, Hash32 hash)
    {
        var vote = SignedVote.Create(new Vote(kind, ConsensusKit.ChainId, height, round, hash), Key);
        monitor.Signed(vote);
        return new VoteMessage(vote);
    }

    private void SendSplit(bool[] half, object first, object second)
    {
        for (var to = 0; to < half.Length; to++)
        {
            network.Send(Id, to, half[to] ? first : second);
        }
    }
}
