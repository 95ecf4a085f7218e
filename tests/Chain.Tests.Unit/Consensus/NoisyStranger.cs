using Chain.Core.Consensus;
using Chain.Protocol.Blocks;
using Chain.Protocol.Consensus;
using Chain.Protocol.Crypto;

namespace Chain.Tests.Unit.Consensus;

/// <summary>
/// A peer outside the validator set that floods honest validators with bad input: forged signatures, unknown signers,
/// other chains, stale and far-future heights and rounds, proposals from non-leaders, undecodable blocks, and replays
/// of real messages it overheard.
/// </summary>
internal sealed class NoisyStranger(int id, int validators, SimulatedNetwork network, SimulationMonitor monitor) : ISimulatedNode
{
    public const int IntervalMs = 50;

    private static readonly KeyPair Stranger = ConsensusKit.Key(15);

    public int Sent { get; private set; }

    public void Start() => network.At(network.Now + IntervalMs, Tick);

    public void Receive(int from, object message)
    {
    }

    private void Tick()
    {
        var random = network.Random;
        for (var i = 0; i < 8; i++)
        {
            var to = random.Next(validators);
            var height = monitor.HighestDecided + 1;
            var round = (uint)random.Next(4);
            var hash = Hashing.Sha256(BitConverter.GetBytes(random.Next()));
            object message = random.Next(9) switch
            {
                0 when monitor.SignedVotes.Count > 0 => Forged(monitor.SignedVotes[random.Next(monitor.SignedVotes.Count)], hash),
                1 => Vote(new Vote(VoteKind.Prevote, ConsensusKit.ChainId, height, round, hash)),
                2 => Vote(new Vote(VoteKind.Precommit, "another-chain", height, round, hash)),
                3 => Vote(new Vote(VoteKind.Prevote, ConsensusKit.ChainId, height + 2 + (ulong)random.Next(1000), round, hash)),
                4 => Vote(new Vote(VoteKind.Precommit, ConsensusKit.ChainId, height, ConsensusMachine.MaxRoundsAhead + 1 + (uint)random.Next(1 << 20), hash)),
                5 => NonLeaderProposal(height, round),
                6 => new ProposalMessage(ConsensusKit.Proposal(Stranger, height, round, ConsensusKit.Block(monitor.Set, height, round)), [1, 2, 3]),
                _ when monitor.SignedVotes.Count > 0 => new VoteMessage(monitor.SignedVotes[random.Next(monitor.SignedVotes.Count)]),
                _ => Vote(new Vote(VoteKind.Prevote, ConsensusKit.ChainId, height, round, hash)),
            };

            network.Send(id, to, message);
            Sent++;
        }

        network.At(network.Now + IntervalMs, Tick);
    }

    /// <summary>A real validator's vote with the block hash changed and the signature kept: it must not verify.</summary>
    private static VoteMessage Forged(SignedVote real, Hash32 hash) => new(real with { Vote = real.Vote with { BlockHash = hash } });

    private static VoteMessage Vote(Vote vote) => new(SignedVote.Create(vote, Stranger));

    private ProposalMessage NonLeaderProposal(ulong height, uint round)
    {
        var block = ConsensusKit.Block(monitor.Set, height, round, variant: 900, valid: true, monitor.PreviousHash(height));
        return new ProposalMessage(ConsensusKit.Proposal(Stranger, height, round, block), block.Bytes);
    }
}
