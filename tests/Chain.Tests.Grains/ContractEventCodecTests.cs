using Chain.Grains.Contract.Events;
using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;
using Chain.Protocol.Encoding;

namespace Chain.Tests.Grains;

public sealed class ContractEventCodecTests
{
    private static readonly byte[] Hash = Enumerable.Repeat((byte)7, 32).ToArray();
    private static readonly byte[] Addr = Enumerable.Repeat((byte)9, 20).ToArray();

    public static TheoryData<ContractStreamEvent> Events() =>
    [
        new ContractDeployed(3, Hash, Addr, Hash, null),
        new ContractDeployed(3, Hash, Addr, Hash, Addr),
        new ContractUpgraded(4, Hash, 2, Hash),
        new StorageChanged(5, [0, 0, 0, 0]),
        new EventsEmitted(6, 1, Hash, [new ContractEvent(new Address(Addr), "transfer"u8.ToArray(), "{}"u8.ToArray())]),
    ];

    [Theory]
    [MemberData(nameof(Events))]
    public void Every_contract_stream_event_round_trips_and_trailing_bytes_are_refused(ContractStreamEvent e)
    {
        var encoded = ContractEventCodec.Encode(e);
        var decoded = ContractEventCodec.Decode(encoded);

        Assert.Equal(e.GetType(), decoded.GetType());
        Assert.Equal(e.Height, decoded.Height);
        Assert.Equal(encoded, ContractEventCodec.Encode(decoded));
        Assert.Throws<DecodeException>(() => ContractEventCodec.Decode([.. encoded, 0]));
    }

    [Fact]
    public void An_unknown_tag_is_refused()
    {
        Assert.Throws<DecodeException>(() => ContractEventCodec.Decode([99, 0, 0, 0, 0, 0, 0, 0, 0]));
    }
}
