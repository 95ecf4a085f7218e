using Chain.Core.Consensus;
using Chain.Protocol.Blocks;
using Chain.Protocol.Consensus;
using Chain.Protocol.Crypto;
using Chain.Protocol.Encoding;

namespace Chain.Tests.Unit.Consensus;

/// <summary>Block sync: finalized blocks with their certificates, from <see cref="SimulatedValidator"/>s that are ahead.</summary>
internal sealed record CommitNotice(IReadOnlyList<(byte[] Block, QuorumCertificate Certificate)> Blocks);

/// <summary>"I am at this height": lets peers that are ahead send the blocks a lagging validator is missing.</summary>
internal sealed record StatusNotice(ulong Height);

/// <summary>
/// A tiny honest host around a <see cref="ConsensusMachine"/>, as the grain layer would be: it persists the snapshot
/// before each signature, signs, broadcasts and feeds back what it signed, runs timeouts on the virtual clock, relays
/// each message it accepted once, re-sends its own messages of the current height on every gossip tick (which is what
/// makes it live after GST), verifies each decision's certificate, and catches up from peers' certified blocks when it
/// falls behind. It can crash (losing memory) and restart from what it persisted.
/// </summary>
internal sealed class SimulatedValidator : ISimulatedNode
{
    public const int GossipIntervalMs = 400;

    private readonly SimulatedNetwork _network;
    private readonly SimulationMonitor _monitor;
    private readonly int _invalidPercent;
    private readonly Dictionary<ulong, (byte[] Block, QuorumCertificate Certificate)> _committed = [];
    private readonly List<ConsensusMessage> _own = [];
    private readonly List<ConsensusMessage> _held = [];
    private readonly Dictionary<int, (ulong Height, long Time)> _lastSyncReply = [];
    private ConsensusMachine? _machine;
    private int _incarnation;
    private byte[]? _persistedSnapshot;
    private (ulong Height, uint Round, ConsensusStep Step) _lastSigned;

    public SimulatedValidator(int id, KeyPair key, SimulatedNetwork network, SimulationMonitor monitor, int invalidPercent)
    {
        Id = id;
        Key = key;
        _network = network;
        _monitor = monitor;
        _invalidPercent = invalidPercent;
    }

    public int Id { get; }

    public KeyPair Key { get; }

    /// <summary>The height this validator is deciding: one more than the last block it holds.</summary>
    public ulong Height { get; private set; } = 1;

    public Hash32 PreviousHash { get; private set; } = ConsensusKit.Genesis;

    public bool Crashed { get; private set; }

    public int Rejected { get; private set; }

    public int GuardRefusals { get; private set; }

    public int MaxRetained { get; private set; }

    public int MaxRound { get; private set; }

    /// <summary>Restarts whose snapshot held a lock, so the restarted machine had something to remember.</summary>
    public int RestartsWithLock { get; private set; }

    public ValidatorSet Set => _monitor.Set;

    public void Start()
    {
        _machine = new ConsensusMachine(ConsensusKit.ChainId, Key.PublicKey, new HostValidator(this));
        ConsensusSnapshot? resume = null;
        if (_persistedSnapshot is not null)
        {
            var snapshot = ConsensusSnapshot.Decode(_persistedSnapshot);
            if (snapshot.Height == Height)
            {
                resume = snapshot;
                RestartsWithLock += snapshot.LockedRound >= 0 ? 1 : 0;
            }
        }

        Handle(_machine.StartHeight(Height, Set, PreviousHash, resume));
        var incarnation = _incarnation;
        _network.At(_network.Now + _network.Random.Next(GossipIntervalMs), () => Gossip(incarnation));
    }

    public void Crash()
    {
        Crashed = true;
        _incarnation++;
        _machine = null;
        _own.Clear();
        _held.Clear();
    }

    public void Restart()
    {
        Crashed = false;
        Start();
    }

    public void Receive(int from, object message)
    {
        if (Crashed || _machine is null)
        {
            return;
        }

        switch (message)
        {
            case ProposalMessage p:
                ProposalValue value;
                try
                {
                    value = new ProposalValue(BlockHeader.Decode(p.Block).Hash(), p.Block);
                }
                catch (DecodeException)
                {
                    Rejected++;
                    return;
                }

                Accepted(p, _machine.OnProposal(p.Proposal, value));
                break;
            case VoteMessage v:
                Accepted(v, _machine.OnVote(v.Vote));
                break;
            case StatusNotice s when s.Height < Height:
                SendBlocks(from, s.Height);
                break;
            case CommitNotice c:
                foreach (var (block, certificate) in c.Blocks)
                {
                    Adopt(block, certificate);
                }

                break;
        }
    }

    private void Accepted(ConsensusMessage message, IReadOnlyList<ConsensusAction> actions)
    {
        if (actions.Any(a => a is InputRejected))
        {
            Rejected++;
        }
        else
        {
            _held.Add(message);
            _network.Broadcast(Id, message);
        }

        Handle(actions);
    }

    private void Handle(IReadOnlyList<ConsensusAction> first)
    {
        var queue = new Queue<ConsensusAction>(first);
        while (queue.TryDequeue(out var action) && _machine is { } machine)
        {
            IReadOnlyList<ConsensusAction> next = [];
            switch (action)
            {
                case RequestValue request:
                    var valid = _network.Random.Next(100) >= _invalidPercent;
                    var block = ConsensusKit.Block(Set, request.Height, request.Round, variant: (Id * 1000) + (int)request.Round, valid, PreviousHash);
                    next = machine.ProposeValue(request.Height, request.Round, block);
                    break;
                case SignProposal sign when Guard(sign.Height, sign.Round, ConsensusStep.Propose):
                    var proposal = new ProposalMessage(SignedProposal.Create(ConsensusKit.ChainId, sign.Height, sign.Round, sign.PolRound, sign.Value.Hash, Key), sign.Value.Bytes);
                    _monitor.SignedProposals.Add(proposal);
                    Send(proposal);
                    next = machine.OnProposal(proposal.Proposal, sign.Value);
                    break;
                case SignVote sign:
                    _monitor.HonestVoteRequested(Key.PublicKey, sign.Vote);
                    if (Guard(sign.Vote.Height, sign.Vote.Round, sign.Vote.Kind == VoteKind.Prevote ? ConsensusStep.Prevote : ConsensusStep.Precommit))
                    {
                        var vote = SignedVote.Create(sign.Vote, Key);
                        _monitor.Signed(vote);
                        Send(new VoteMessage(vote));
                        next = machine.OnVote(vote);
                    }

                    break;
                case ScheduleTimeout timeout:
                    var incarnation = _incarnation;
                    var delay = (long)TimeoutPolicy.Duration(timeout.Step, timeout.Round, TimeoutSettings.Default).TotalMilliseconds;
                    _network.At(_network.Now + delay, () =>
                    {
                        if (!Crashed && incarnation == _incarnation && _machine is { } m)
                        {
                            Handle(m.OnTimeout(timeout.Height, timeout.Round, timeout.Step));
                        }
                    });
                    break;
                case Decide decide:
                    var header = ConsensusKit.HeaderOf(decide.Value);
                    var check = CertificateVerifier.Verify(header, decide.Certificate, Set);
                    if (!check.IsValid || decide.Height != Height)
                    {
                        _monitor.Fail($"node {Id}: decision at height {decide.Height} has a bad certificate: {check.Error}");
                    }

                    _monitor.Decided(Id, decide.Height, decide.Value, byMachine: true);
                    next = Commit(decide.Value, decide.Certificate);
                    break;
                case EvidenceFound evidence:
                    _monitor.Evidence(Id, evidence.Evidence);
                    break;
                case InputRejected:
                    Rejected++;
                    break;
            }

            foreach (var a in next)
            {
                queue.Enqueue(a);
            }
        }

        if (_machine is { } now)
        {
            MaxRetained = Math.Max(MaxRetained, now.RetainedMessages);
            MaxRound = Math.Max(MaxRound, (int)now.Round);
        }
    }

    /// <summary>
    /// Persists the snapshot, then refuses anything at or below the last signed (height, round, step). The machine is
    /// expected never to need the refusal; the simulation counts refusals and the tests require zero.
    /// </summary>
    private bool Guard(ulong height, uint round, ConsensusStep step)
    {
        _persistedSnapshot = _machine!.Snapshot().Encode();
        if ((height, round, step).CompareTo(_lastSigned) <= 0)
        {
            GuardRefusals++;
            return false;
        }

        _lastSigned = (height, round, step);
        return true;
    }

    private void Send(ConsensusMessage message)
    {
        _own.Add(message);
        _network.Broadcast(Id, message);
    }

    private IReadOnlyList<ConsensusAction> Commit(ProposalValue value, QuorumCertificate certificate)
    {
        _committed[Height] = (value.Bytes, certificate);
        Height++;
        PreviousHash = value.Hash;
        _own.Clear();
        _held.Clear();
        return _machine!.StartHeight(Height, Set, PreviousHash);
    }

    private void Adopt(byte[] block, QuorumCertificate certificate)
    {
        if (_machine is null || certificate.Height != Height)
        {
            return;
        }

        var header = BlockHeader.Decode(block);
        if (header.PreviousHash != PreviousHash || !CertificateVerifier.Verify(header, certificate, Set).IsValid)
        {
            _monitor.Fail($"node {Id}: a peer sent a block for height {Height} that does not verify");
            return;
        }

        var value = new ProposalValue(header.Hash(), block);
        _monitor.Decided(Id, Height, value, byMachine: false);
        Handle(Commit(value, certificate));
    }

    private void SendBlocks(int to, ulong from)
    {
        if (_lastSyncReply.TryGetValue(to, out var last) && last.Height == from && _network.Now - last.Time < GossipIntervalMs)
        {
            return;
        }

        _lastSyncReply[to] = (from, _network.Now);
        var blocks = new List<(byte[], QuorumCertificate)>();
        for (var h = from; h < Height && blocks.Count < 10; h++)
        {
            blocks.Add(_committed[h]);
        }

        _network.Send(Id, to, new CommitNotice(blocks));
    }

    private void Gossip(int incarnation)
    {
        if (Crashed || incarnation != _incarnation)
        {
            return;
        }

        _network.Broadcast(Id, new StatusNotice(Height));
        foreach (var message in _own)
        {
            _network.Broadcast(Id, message);
        }

        // Tendermint's liveness assumes gossip: what one honest validator received, every honest validator eventually
        // receives, even if its signer crashed. Anti-entropy: everything held goes to one random peer per tick.
        var peer = _network.Random.Next(_network.Nodes.Count);
        foreach (var message in _held)
        {
            _network.Send(Id, peer, message);
        }

        _network.At(_network.Now + GossipIntervalMs, () => Gossip(incarnation));
    }

    /// <summary>Valid blocks extend this validator's chain; deterministic per (height, value) as the machine requires.</summary>
    private sealed class HostValidator(SimulatedValidator host) : IValueValidator
    {
        public bool IsValid(ulong height, ProposalValue value) =>
            BlockValidator.Check(host.Set, height, value) && ConsensusKit.HeaderOf(value).PreviousHash == host.PreviousHash;
    }
}
