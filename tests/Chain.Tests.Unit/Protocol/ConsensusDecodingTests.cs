using Chain.Protocol.Consensus;
using Chain.Protocol.Crypto;
using Chain.Protocol.Encoding;

namespace Chain.Tests.Unit.Protocol;

/// <summary>The consensus decoders reject what the specification rejects, with a <see cref="DecodeException"/> and nothing else.</summary>
public sealed class ConsensusDecodingTests
{
    [Fact]
    public void A_proposal_whose_pol_round_does_not_fit_in_32_bits_is_rejected_not_an_overflow()
    {
        var bytes = ProposalMessageBytes(round: uint.MaxValue, polRound: (long)int.MaxValue + 1);
        Assert.Throws<DecodeException>(() => ConsensusMessage.Decode(bytes));
    }

    private static byte[] ProposalMessageBytes(uint round, long polRound)
    {
        var w = new CanonicalWriter();
        w.WriteU8(1);
        w.WriteAscii("chain-test");
        w.WriteU64(1);
        w.WriteU32(round);
        w.WriteI64(polRound);
        w.WriteFixed(new byte[32]);
        w.WriteFixed(new byte[PublicKey.Size]);
        w.WriteFixed(new byte[Signature.Size]);
        w.WriteBytes([]);
        return w.ToArray();
    }
}
