using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;
using Chain.Protocol.Encoding;
using Chain.Protocol.Transactions;

namespace Chain.Grains.Contract.Events;

/// <summary>
/// Storage encoding of contract stream events: a one-byte tag, then the fields in order (docs/protocol.md
/// conventions). Versioned by tag; never reuse a tag.
/// </summary>
public static class ContractEventCodec
{
    private const byte DeployedTag = 1;
    private const byte UpgradedTag = 2;
    private const byte StorageChangedTag = 3;
    private const byte EventsEmittedTag = 4;
    private const int MaxDiffBytes = 256 * 1024 * 1024;

    public static byte[] Encode(ContractStreamEvent e)
    {
        var w = new CanonicalWriter(128);
        switch (e)
        {
            case ContractDeployed d:
                w.WriteU8(DeployedTag);
                w.WriteU64(d.BlockHeight);
                w.WriteFixed(d.TransactionHash);
                w.WriteFixed(d.Deployer);
                w.WriteFixed(d.CodeHash);
                w.WriteBool(d.Admin is not null);
                if (d.Admin is not null)
                {
                    w.WriteFixed(d.Admin);
                }

                break;
            case ContractUpgraded u:
                w.WriteU8(UpgradedTag);
                w.WriteU64(u.BlockHeight);
                w.WriteFixed(u.TransactionHash);
                w.WriteU32(u.Version);
                w.WriteFixed(u.CodeHash);
                break;
            case StorageChanged s:
                w.WriteU8(StorageChangedTag);
                w.WriteU64(s.BlockHeight);
                w.WriteBytes(s.Diff);
                break;
            case EventsEmitted m:
                w.WriteU8(EventsEmittedTag);
                w.WriteU64(m.BlockHeight);
                w.WriteU32(m.TransactionIndex);
                w.WriteFixed(m.TransactionHash);
                w.WriteU32((uint)m.Events.Count);
                foreach (var ev in m.Events)
                {
                    w.WriteFixed(ev.Contract.ToArray());
                    w.WriteBytes(ev.Topic);
                    w.WriteBytes(ev.Data);
                }

                break;
            default:
                throw new ArgumentException($"unknown contract event {e.GetType().Name}", nameof(e));
        }

        return w.ToArray();
    }

    public static ContractStreamEvent Decode(ReadOnlySpan<byte> bytes)
    {
        var r = new CanonicalReader(bytes);
        ContractStreamEvent e = r.ReadU8() switch
        {
            DeployedTag => new ContractDeployed(
                r.ReadU64(),
                r.ReadFixed(Hash32.Size).ToArray(),
                r.ReadFixed(Address.Size).ToArray(),
                r.ReadFixed(Hash32.Size).ToArray(),
                r.ReadBool() ? r.ReadFixed(Address.Size).ToArray() : null),
            UpgradedTag => new ContractUpgraded(r.ReadU64(), r.ReadFixed(Hash32.Size).ToArray(), r.ReadU32(), r.ReadFixed(Hash32.Size).ToArray()),
            StorageChangedTag => new StorageChanged(r.ReadU64(), r.ReadBytes(MaxDiffBytes).ToArray()),
            EventsEmittedTag => ReadEmitted(ref r),
            var tag => throw new DecodeException($"unknown contract event tag {tag}"),
        };
        r.EnsureEnd();
        return e;
    }

    private static EventsEmitted ReadEmitted(ref CanonicalReader r)
    {
        var height = r.ReadU64();
        var index = r.ReadU32();
        var hash = r.ReadFixed(Hash32.Size).ToArray();
        var count = r.ReadCount(ContractLimits.MaxEvents, Address.Size + 8);
        var events = new ContractEvent[count];
        for (var i = 0; i < count; i++)
        {
            events[i] = new ContractEvent(
                new Address(r.ReadFixed(Address.Size)),
                r.ReadBytes(ContractLimits.MaxTopicBytes).ToArray(),
                r.ReadBytes(ContractLimits.MaxEventDataBytes).ToArray());
        }

        return new EventsEmitted(height, index, hash, events);
    }
}
