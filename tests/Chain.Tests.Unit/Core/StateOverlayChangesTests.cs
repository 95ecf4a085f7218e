using Chain.Core;
using Chain.Core.State;

namespace Chain.Tests.Unit.Core;

/// <summary>The write set comes out in the same key order, with the same values, whether it is sorted on one thread or two.</summary>
public sealed class StateOverlayChangesTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(511)]
    [InlineData(512)]
    [InlineData(9_999)]
    public void Sorting_on_two_threads_gives_the_single_threaded_write_set(int writes)
    {
        var overlay = new StateOverlay(new MemoryLedger());
        var seed = 12345UL;
        for (var i = 0; i < writes; i++)
        {
            seed = unchecked((seed * 6364136223846793005UL) + 1442695040888963407UL);
            var key = BitConverter.GetBytes(seed).Concat(BitConverter.GetBytes(i)).ToArray();
            overlay.Set(key, i % 7 == 0 ? null : BitConverter.GetBytes(i));
        }

        var single = overlay.Changes(1);
        var parallel = overlay.Changes(2);
        Assert.Equal(writes, parallel.Count);
        Assert.Equal(single.Select(c => Convert.ToHexString(c.Key)), parallel.Select(c => Convert.ToHexString(c.Key)));
        Assert.Equal(single.Select(c => c.Value is null ? "-" : Convert.ToHexString(c.Value)), parallel.Select(c => c.Value is null ? "-" : Convert.ToHexString(c.Value)));
        for (var i = 1; i < parallel.Count; i++)
        {
            Assert.True(ByteArrayComparer.Instance.Compare(parallel[i - 1].Key, parallel[i].Key) < 0);
        }
    }
}
