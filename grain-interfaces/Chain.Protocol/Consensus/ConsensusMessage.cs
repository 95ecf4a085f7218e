using Chain.Protocol.Encoding;

namespace Chain.Protocol.Consensus;

/// <summary>
/// What validators send each other. Encoding: <c>kind u8</c> then, for a proposal (1),
/// <c>proposal | block bytes (≤ MaxBlockBytes)</c>; for a vote (2), the signed vote.
/// Decoding is bounded by <see cref="ProtocolLimits.MaxBlockBytes"/> and checks no signature: the receiver does.
/// </summary>
public abstract record ConsensusMessage
{
    public const int MaxEncodedBytes = 1 + SignedProposal.EncodedMaxBytes + 4 + ProtocolLimits.MaxBlockBytes;

    public abstract byte[] Encode();

    public static ConsensusMessage Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > MaxEncodedBytes)
        {
            throw new DecodeException($"consensus message of {bytes.Length} bytes exceeds the limit of {MaxEncodedBytes}");
        }

        var r = new CanonicalReader(bytes);
        var kind = r.ReadU8();
        ConsensusMessage message = kind switch
        {
            1 => new ProposalMessage(SignedProposal.Read(ref r), r.ReadBytes(ProtocolLimits.MaxBlockBytes).ToArray()),
            2 => new VoteMessage(SignedVote.Read(ref r)),
            _ => throw new DecodeException($"unknown consensus message kind {kind}"),
        };
        r.EnsureEnd();
        return message;
    }
}

/// <summary>A proposal and the encoded <see cref="Blocks.Block"/> it proposes.</summary>
public sealed record ProposalMessage(SignedProposal Proposal, byte[] Block) : ConsensusMessage
{
    public override byte[] Encode()
    {
        // Sized exactly: the block is megabytes, and an exact writer hands its buffer over without a copy.
        var w = new CanonicalWriter(checked(1 + Proposal.EncodedLength + 4 + Block.Length));
        w.WriteU8(1);
        Proposal.Write(w);
        w.WriteBytes(Block);
        return w.ToArray();
    }
}

/// <summary>A prevote or precommit.</summary>
public sealed record VoteMessage(SignedVote Vote) : ConsensusMessage
{
    public override byte[] Encode()
    {
        var w = new CanonicalWriter(SignedVote.EncodedMaxBytes + 1);
        w.WriteU8(2);
        Vote.Write(w);
        return w.ToArray();
    }
}
