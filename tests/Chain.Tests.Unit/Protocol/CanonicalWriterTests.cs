using Chain.Protocol.Encoding;

namespace Chain.Tests.Unit.Protocol;

/// <summary>
/// The writer hands out its buffer when the caller sized it exactly; every array it returns must still be the caller's own, because
/// state values are compared by reference (a parallel execution's validation) and must never change after they are returned.
/// </summary>
public sealed class CanonicalWriterTests
{
    [Fact]
    public void An_exactly_sized_writer_returns_its_encoding_and_later_writes_do_not_change_it()
    {
        var w = new CanonicalWriter(16);
        w.WriteU64(1);
        w.WriteU64(2);
        var first = w.ToArray();
        var second = w.ToArray();
        Assert.NotSame(first, second);
        Assert.Equal(first, second);

        w.WriteU8(3);
        Assert.Equal(16, first.Length);
        Assert.Equal([1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0], first);
        Assert.Equal([.. first, 3], w.ToArray());
        Assert.Equal(17, w.Length);
    }

    [Fact]
    public void A_writer_grows_past_its_initial_size_and_returns_exactly_what_was_written()
    {
        var w = new CanonicalWriter(16);
        var expected = new List<byte>();
        for (var i = 0; i < 1000; i++)
        {
            var (low, high) = ((byte)(i & 0xFF), (byte)(i >> 8));
            w.WriteBytes([low, high]);
            expected.AddRange([2, 0, 0, 0, low, high]);
        }

        Assert.Equal(expected, w.ToArray());
        Assert.Equal(expected, w.WrittenSpan.ToArray());
    }
}
