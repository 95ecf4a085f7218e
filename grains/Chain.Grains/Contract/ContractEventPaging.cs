using Chain.GrainInterfaces;
using Chain.Grains.Contract.Events;
using Chain.Storage;

namespace Chain.Grains.Contract;

/// <summary>
/// Pages through the events a contract emitted, straight from its stream: a binary search over stream versions
/// (heights never decrease along a stream) finds where a height starts, and each page reads a bounded number of
/// stream entries. A cursor is <c>(stream version + 1) &lt;&lt; 8 | index within that entry</c> (at most 128
/// events per transaction, so the index fits in 8 bits); 0 means "start at the height".
/// </summary>
internal static class ContractEventPaging
{
    /// <summary>Stream entries one page may read.</summary>
    private const int MaxScan = 4096;

    public static ContractEventPage Read(EventStreamStore events, string streamId, int streamVersion, ulong fromHeight, ulong cursor, int limit, ulong height)
    {
        int version;
        int skip;
        if (cursor != 0)
        {
            var v = (cursor >> 8) - 1;
            version = v > int.MaxValue ? int.MaxValue : (int)v;
            skip = (int)(cursor & 0xff);
        }
        else
        {
            version = FirstAtOrAbove(events, streamId, streamVersion, fromHeight);
            skip = 0;
        }

        var page = new List<ContractEventEntry>(Math.Min(limit, 64));
        var scanned = 0;
        foreach (var stored in events.ReadEvents(streamId, Math.Min(version, streamVersion)))
        {
            if (stored.Version >= streamVersion)
            {
                break;
            }

            if (scanned++ == MaxScan)
            {
                return new ContractEventPage([.. page], Cursor(stored.Version, 0), height);
            }

            if (ContractEventCodec.Decode(stored.Event) is not EventsEmitted emitted)
            {
                continue;
            }

            for (var i = stored.Version == version ? skip : 0; i < emitted.Events.Count; i++)
            {
                if (page.Count == limit)
                {
                    return new ContractEventPage([.. page], Cursor(stored.Version, i), height);
                }

                var e = emitted.Events[i];
                page.Add(new ContractEventEntry(Cursor(stored.Version, i), emitted.BlockHeight, emitted.TransactionIndex, emitted.TransactionHash, e.Topic, e.Data));
            }
        }

        return new ContractEventPage([.. page], 0, height);
    }

    private static ulong Cursor(int version, int index) => ((ulong)(version + 1) << 8) | (uint)index;

    /// <summary>The first stream version whose height is at least <paramref name="height"/> (the stream's length when none is).</summary>
    private static int FirstAtOrAbove(EventStreamStore events, string streamId, int streamVersion, ulong height)
    {
        var (low, high) = (0, streamVersion);
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            var at = ContractEventCodec.Decode(events.ReadEvents(streamId, middle).First().Event).Height;
            if (at < height)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
