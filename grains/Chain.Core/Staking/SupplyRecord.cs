using Chain.Protocol.Encoding;

namespace Chain.Core.Staking;

/// <summary>
/// The chain's total supply and what changed it since genesis: <see cref="Total"/> = genesis supply +
/// <see cref="Minted"/> (block rewards) − <see cref="Burned"/> (slashes). Fees move between accounts and
/// change none of the three. Encoding: <c>total u64 | minted u64 | burned u64</c>.
/// </summary>
public sealed record SupplyRecord(ulong Total, ulong Minted, ulong Burned)
{
    public byte[] Encode()
    {
        var w = new CanonicalWriter(24);
        w.WriteU64(Total);
        w.WriteU64(Minted);
        w.WriteU64(Burned);
        return w.ToArray();
    }

    public static SupplyRecord Decode(ReadOnlySpan<byte> bytes)
    {
        var r = new CanonicalReader(bytes);
        var record = new SupplyRecord(r.ReadU64(), r.ReadU64(), r.ReadU64());
        r.EnsureEnd();
        return record;
    }
}
