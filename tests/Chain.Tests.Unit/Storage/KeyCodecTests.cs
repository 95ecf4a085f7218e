using Chain.Protocol.Crypto;
using Chain.Storage;
using CsCheck;

namespace Chain.Tests.Unit.Storage;

public sealed class KeyCodecTests
{
    [Fact]
    public void Keys_with_u64_fields_sort_numerically()
    {
        Gen.Select(Gen.ULong, Gen.ULong).Sample((a, b) =>
        {
            var byKey = KeyCodec.WithU64("b/n/"u8, a).AsSpan().SequenceCompareTo(KeyCodec.WithU64("b/n/"u8, b));
            Assert.Equal(Math.Sign(a.CompareTo(b)), Math.Sign(byKey));
        });
    }

    [Fact]
    public void Keys_with_u32_fields_sort_numerically()
    {
        Gen.Select(Gen.UInt, Gen.UInt).Sample((a, b) =>
        {
            var byKey = KeyCodec.WithU32("e/"u8, a).AsSpan().SequenceCompareTo(KeyCodec.WithU32("e/"u8, b));
            Assert.Equal(Math.Sign(a.CompareTo(b)), Math.Sign(byKey));
        });
    }

    [Fact]
    public void A_u64_key_is_the_prefix_then_eight_big_endian_bytes()
    {
        Assert.Equal([(byte)'b', (byte)'/', 0, 0, 0, 0, 0, 0, 1, 0], KeyCodec.WithU64("b/"u8, 256));
        Assert.Equal([(byte)'x', 0, 0, 1, 0], KeyCodec.WithU32("x"u8, 256));
    }

    [Fact]
    public void A_hash_key_is_the_prefix_then_the_hash_bytes()
    {
        var hash = Hashing.Sha256([1, 2, 3]);

        var key = KeyCodec.WithHash("t/"u8, hash);

        Assert.Equal("t/"u8.ToArray(), key[..2]);
        Assert.Equal(hash.ToArray(), key[2..]);
    }

    [Fact]
    public void Integers_round_trip_and_a_wrong_width_is_rejected()
    {
        Gen.ULong.Sample(v => Assert.Equal(v, KeyCodec.DecodeU64(KeyCodec.EncodeU64(v))));
        Gen.UInt.Sample(v => Assert.Equal(v, KeyCodec.DecodeU32(KeyCodec.EncodeU32(v))));

        Assert.Throws<InvalidDataException>(() => KeyCodec.DecodeU64(new byte[7]));
        Assert.Throws<InvalidDataException>(() => KeyCodec.DecodeU64(new byte[9]));
        Assert.Throws<InvalidDataException>(() => KeyCodec.DecodeU32(new byte[8]));
    }

    [Fact]
    public void Key_text_must_be_printable_ascii()
    {
        Assert.Equal("a b~"u8.ToArray(), KeyCodec.Ascii("a b~"));
        Assert.Throws<ArgumentException>(() => KeyCodec.Ascii("caf\u00e9"));
        Assert.Throws<ArgumentException>(() => KeyCodec.Ascii("a\nb"));
        Assert.Equal([1, 2, 3], KeyCodec.Concat([1], [2, 3]));
    }
}
