using Chain.Protocol.Encoding;
using CsCheck;

namespace Chain.Tests.Unit.Protocol;

/// <summary>
/// Decoders accept exactly the canonical encodings: anything else is a <see cref="DecodeException"/>,
/// never another exception. Whatever they accept re-encodes to the same bytes.
/// </summary>
public sealed class DecoderRejectionTests
{
    [Theory]
    [MemberData(nameof(Codecs.Kinds), MemberType = typeof(Codecs))]
    public void Every_truncation_of_a_valid_encoding_is_rejected(string kind)
    {
        var (valid, decode) = Codecs.All[kind];
        valid.Sample(bytes =>
        {
            for (var length = 0; length < bytes.Length; length++)
            {
                var prefix = bytes[..length];
                Assert.Throws<DecodeException>(() => decode(prefix));
            }
        }, iter: 20);
    }

    [Theory]
    [MemberData(nameof(Codecs.Kinds), MemberType = typeof(Codecs))]
    public void Any_byte_appended_to_a_valid_encoding_is_rejected(string kind)
    {
        var (valid, decode) = Codecs.All[kind];
        Gen.Select(valid, Gen.Byte).Sample((bytes, extra) =>
        {
            Assert.Equal(bytes, decode(bytes));
            Assert.Throws<DecodeException>(() => decode([.. bytes, extra]));
        }, iter: 50);
    }

    [Theory]
    [MemberData(nameof(Codecs.Kinds), MemberType = typeof(Codecs))]
    public void Random_bytes_are_rejected_or_are_a_canonical_encoding(string kind)
    {
        var (_, decode) = Codecs.All[kind];
        Gen.Byte.Array[0, 400].Sample(bytes => AcceptsOnlyCanonical(decode, bytes), iter: 2000);
    }

    [Theory]
    [MemberData(nameof(Codecs.Kinds), MemberType = typeof(Codecs))]
    public void A_valid_encoding_with_random_bytes_overwritten_is_rejected_or_is_a_canonical_encoding(string kind)
    {
        var (valid, decode) = Codecs.All[kind];
        Gen.Select(valid, Gen.Int[0, int.MaxValue].Array[1, 4], Gen.Byte.Array[4]).Sample((bytes, positions, values) =>
        {
            var mutated = (byte[])bytes.Clone();
            for (var i = 0; i < positions.Length; i++)
            {
                mutated[positions[i] % mutated.Length] = values[i];
            }

            AcceptsOnlyCanonical(decode, mutated);
        }, iter: 300);
    }

    private static void AcceptsOnlyCanonical(Func<byte[], byte[]> decode, byte[] bytes)
    {
        byte[] reEncoded;
        try
        {
            reEncoded = decode(bytes);
        }
        catch (DecodeException)
        {
            return;
        }

        Assert.Equal(bytes, reEncoded);
    }
}
