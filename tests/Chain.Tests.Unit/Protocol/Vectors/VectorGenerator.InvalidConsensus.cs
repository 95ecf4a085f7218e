using System.Buffers.Binary;
using System.Text.Json.Nodes;
using Chain.Protocol;
using Chain.Protocol.Blocks;
using Chain.Protocol.Consensus;
using Chain.Protocol.Crypto;
using Chain.Protocol.Encoding;

namespace Chain.Tests.Unit.Protocol.Vectors;

internal static partial class VectorGenerator
{
    private static JsonObject InvalidConsensusEncodings() => new()
    {
        ["description"] = "Byte strings the decoder of each type must reject.",
        ["signedVotes"] = InvalidList(InvalidSignedVotes()),
        ["messages"] = InvalidList(InvalidConsensusMessages()),
        ["evidence"] = InvalidList(InvalidEvidence()),
    };

    /// <summary>Offset of a vote's chain-id length byte: right after the kind byte.</summary>
    private const int VoteChainIdOffset = 1;

    public static IEnumerable<(string Description, byte[] Bytes)> InvalidSignedVotes()
    {
        var bytes = VectorFixtures.VoteBy(1, VoteKind.Prevote, 1, 0, VectorFixtures.Block1().Hash()).Encode();
        yield return ("one trailing byte", [.. bytes, 0x00]);
        yield return ("last byte missing", bytes[..^1]);
        yield return ("empty input", []);
        foreach (var kind in new byte[] { 0, 3, 255 })
        {
            var changed = (byte[])bytes.Clone();
            changed[0] = kind;
            yield return ($"vote kind {kind}", changed);
        }

        yield return ("chain id of 33 characters", RawVote(new string('a', 33)));
        yield return ("chain id with byte 0x7f", RawVote("chain\u007ftest"));
        var length = (byte[])bytes.Clone();
        length[VoteChainIdOffset] = 200;
        yield return ("chain id length 200 runs past the end", length);
    }

    /// <summary>A prevote encoded field by field, without the library's checks, with a zero key and signature.</summary>
    private static byte[] RawVote(string chainId)
    {
        var w = new CanonicalWriter();
        w.WriteU8(1);
        w.WriteU8((byte)chainId.Length);
        w.WriteFixed(System.Text.Encoding.ASCII.GetBytes(chainId));
        w.WriteU64(1);
        w.WriteU32(0);
        w.WriteFixed(new byte[32 + PublicKey.Size + Signature.Size]);
        return w.ToArray();
    }

    public static IEnumerable<(string Description, byte[] Bytes, int? PaddedLength)> InvalidConsensusMessages()
    {
        var block = VectorFixtures.ProposedBlock1().Encode();
        var proposal = new ProposalMessage(VectorFixtures.ProposalBy(1, VectorFixtures.Block1(), 0, -1), block).Encode();
        var vote = new VoteMessage(VectorFixtures.VoteBy(1, VoteKind.Prevote, 1, 0, VectorFixtures.Block1().Hash())).Encode();
        yield return ("empty input", [], null);
        foreach (var kind in new byte[] { 0, 3, 255 })
        {
            var changed = (byte[])vote.Clone();
            changed[0] = kind;
            yield return ($"message kind {kind}", changed, null);
        }

        var voteKind = (byte[])vote.Clone();
        voteKind[1] = 3;
        yield return ("vote message whose vote has kind 3", voteKind, null);
        yield return ("vote message with one trailing byte", [.. vote, 0x00], null);
        yield return ("vote message with the last byte missing", vote[..^1], null);
        yield return ("proposal message with one trailing byte", [.. proposal, 0x00], null);
        yield return ("proposal message with the last byte missing", proposal[..^1], null);
        yield return ("proposal message without its block", proposal[..^(4 + block.Length)], null);
        yield return ($"proposal message longer than {ConsensusMessage.MaxEncodedBytes} bytes: rejected before parsing", proposal, ConsensusMessage.MaxEncodedBytes + 1);

        yield return ("polRound equal to round (2, 2)", RawProposalMessage(2, 2, []), null);
        yield return ("polRound above round (2, 3)", RawProposalMessage(2, 3, []), null);
        yield return ("polRound 0 in round 0", RawProposalMessage(0, 0, []), null);
        yield return ("polRound -2", RawProposalMessage(2, -2, []), null);
        yield return ("polRound -2^63", RawProposalMessage(2, long.MinValue, []), null);
        yield return ("polRound 2^31 in round 2^32 - 1: below the round, but above 2^31 - 1", RawProposalMessage(uint.MaxValue, (long)int.MaxValue + 1, []), null);
        var tooLong = RawProposalMessage(0, -1, []);
        BinaryPrimitives.WriteUInt32LittleEndian(tooLong.AsSpan(tooLong.Length - 4), ProtocolLimits.MaxBlockBytes + 1);
        yield return ($"block length prefix {ProtocolLimits.MaxBlockBytes + 1}", tooLong, null);
        yield return ("proposal chain id of 33 characters", RawProposalMessage(0, -1, [], new string('a', 33)), null);
    }

    /// <summary>A proposal message encoded field by field, without the library's checks, with a zero hash, key and signature.</summary>
    private static byte[] RawProposalMessage(uint round, long polRound, byte[] block, string chainId = VectorFixtures.ChainId)
    {
        var w = new CanonicalWriter();
        w.WriteU8(1);
        w.WriteU8((byte)chainId.Length);
        w.WriteFixed(System.Text.Encoding.ASCII.GetBytes(chainId));
        w.WriteU64(1);
        w.WriteU32(round);
        w.WriteI64(polRound);
        w.WriteFixed(new byte[32 + PublicKey.Size + Signature.Size]);
        w.WriteBytes(block);
        return w.ToArray();
    }

    public static IEnumerable<(string Description, byte[] Bytes)> InvalidEvidence()
    {
        var evidence = VectorFixtures.DoublePrevote();
        var bytes = evidence.Encode();
        var firstLength = evidence.First.Encode().Length;
        yield return ("one trailing byte", [.. bytes, 0x00]);
        yield return ("last byte missing", bytes[..^1]);
        yield return ("empty input", []);
        yield return ("one vote only", bytes[..firstLength]);
        var kind = (byte[])bytes.Clone();
        kind[firstLength] = 0;
        yield return ("second vote of kind 0", kind);
    }
}
