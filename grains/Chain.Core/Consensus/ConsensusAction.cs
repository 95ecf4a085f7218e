using Chain.Protocol.Blocks;
using Chain.Protocol.Consensus;

namespace Chain.Core.Consensus;

/// <summary>
/// What <see cref="ConsensusMachine"/> asks its host to do. The machine never signs, sends, sleeps or stores:
/// the host does, in the order the actions are returned. Before it signs anything a
/// <see cref="SignProposal"/> or <see cref="SignVote"/> asks for, the host persists
/// <see cref="ConsensusMachine.Snapshot"/>; what it signs it broadcasts and also feeds back into the machine.
/// </summary>
public abstract record ConsensusAction;

/// <summary>This validator leads (height, round) and has no valid value to re-propose: build a block and answer with <see cref="ConsensusMachine.ProposeValue"/>.</summary>
public sealed record RequestValue(ulong Height, uint Round) : ConsensusAction;

/// <summary>Sign <see cref="SignedProposal"/>(Height, Round, PolRound, Value.Hash), broadcast it with the block bytes, and feed it back through <see cref="ConsensusMachine.OnProposal"/>.</summary>
public sealed record SignProposal(ulong Height, uint Round, int PolRound, ProposalValue Value) : ConsensusAction;

/// <summary>Sign this prevote or precommit, broadcast it, and feed it back through <see cref="ConsensusMachine.OnVote"/>.</summary>
public sealed record SignVote(Vote Vote) : ConsensusAction;

/// <summary>Call <see cref="ConsensusMachine.OnTimeout"/>(Height, Round, Step) after <see cref="TimeoutPolicy.Duration"/>(Step, Round). Stale timeouts are harmless no-ops.</summary>
public sealed record ScheduleTimeout(ulong Height, uint Round, ConsensusStep Step) : ConsensusAction;

/// <summary>
/// The height is final: <paramref name="Value"/> with a certificate of precommits, from validators holding more
/// than 2/3 of the power, for (Height, Round, Value.Hash), sorted by validator index. Emitted once per height.
/// </summary>
public sealed record Decide(ulong Height, uint Round, ProposalValue Value, QuorumCertificate Certificate) : ConsensusAction;

/// <summary>One validator signed two different votes of one kind for one (height, round). Emitted once per (validator, height, round, kind).</summary>
public sealed record EvidenceFound(DuplicateVoteEvidence Evidence) : ConsensusAction;

/// <summary>An input was ignored, and why. The machine's state did not change.</summary>
public sealed record InputRejected(string Reason) : ConsensusAction;
