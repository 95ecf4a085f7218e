using Chain.Protocol.Encoding;
using Chain.Protocol.Transactions;

namespace Chain.Protocol.Blocks;

/// <summary>
/// The contract section of the receipt of a deploy, call or upgrade (docs/protocol.md §5.6):
/// <c>gasUsed u64 | returnData bytes (≤ 64 KiB) | message bytes (≤ 1024, UTF-8) | eventCount u32 (≤ 128) | event*</c>.
/// A deploy that succeeds returns the new contract's 20-byte address. <see cref="Message"/> is empty on success and
/// otherwise says why the transaction failed (a revert reason, or a fixed text per status: never a runtime's message).
/// Events are those of committed frames only, in emission order.
/// </summary>
public sealed record ContractOutcome(ulong GasUsed, byte[] ReturnData, byte[] Message, IReadOnlyList<ContractEvent> Events)
{
    /// <summary>Smallest encoding: gas, two empty byte strings, no events.</summary>
    public const int MinEncodedSize = 8 + 4 + 4 + 4;

    /// <summary>The length of <see cref="Write"/>'s output.</summary>
    internal int EncodedLength => 8 + 4 + ReturnData.Length + 4 + Message.Length + 4 + Events.Sum(e => e.EncodedLength);

    internal void Write(CanonicalWriter w)
    {
        w.WriteU64(GasUsed);
        w.WriteBytes(ReturnData);
        w.WriteBytes(Message);
        w.WriteU32((uint)Events.Count);
        foreach (var e in Events)
        {
            e.Write(w);
        }
    }

    internal static ContractOutcome Read(ref CanonicalReader r)
    {
        var gas = r.ReadU64();
        var data = r.ReadBytes(ContractLimits.MaxReturnBytes).ToArray();
        var message = r.ReadBytes(ContractLimits.MaxMessageBytes).ToArray();
        var count = r.ReadCount(ContractLimits.MaxEvents, Crypto.Address.Size + 8);
        var events = new ContractEvent[count];
        for (var i = 0; i < count; i++)
        {
            events[i] = ContractEvent.Read(ref r);
        }

        return new ContractOutcome(gas, data, message, events);
    }

    public bool Equals(ContractOutcome? other) =>
        other is not null && GasUsed == other.GasUsed && ReturnData.AsSpan().SequenceEqual(other.ReturnData)
        && Message.AsSpan().SequenceEqual(other.Message) && Events.SequenceEqual(other.Events);

    public override int GetHashCode() => HashCode.Combine(GasUsed, ReturnData.Length, Message.Length, Events.Count);
}
