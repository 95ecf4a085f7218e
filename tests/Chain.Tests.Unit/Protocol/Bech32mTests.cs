using Chain.Protocol.Crypto;
using Chain.Tests.Unit.Protocol.Vectors;
using CsCheck;

namespace Chain.Tests.Unit.Protocol;

public sealed class Bech32mTests
{
    private const string Charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

    public static TheoryData<string> Bip350Valid => [.. VectorGenerator.Bip350Valid];

    public static TheoryData<string, string> Bip350Invalid => [.. VectorGenerator.Bip350Invalid.Select(v => (v.Text, v.Reason))];

    [Theory]
    [MemberData(nameof(Bip350Valid))]
    public void A_valid_bip350_string_passes_the_checksum(string text)
    {
        var ok = Bech32m.TryDecode(text, out var hrp, out var data, out var error);

        // BIP-350 checks only the checksum; one vector's 5-bit payload does not convert to whole bytes.
        if (!ok)
        {
            Assert.Contains("padding", error, StringComparison.Ordinal);
            return;
        }

        Assert.Equal(text[..text.LastIndexOf('1')].ToLowerInvariant(), hrp);
        Assert.Equal(text.ToLowerInvariant(), Bech32m.Encode(hrp, data));
    }

    [Theory]
    [MemberData(nameof(Bip350Invalid))]
    public void An_invalid_bip350_string_is_rejected(string text, string reason)
    {
        Assert.False(Bech32m.TryDecode(text, out _, out _, out var error), reason);
        Assert.NotEmpty(error);
    }

    [Fact]
    public void A_bech32_string_with_the_original_bip173_checksum_is_rejected()
    {
        // BIP-173 (bech32, constant 1) valid string: the Bech32m constant must not accept it.
        Assert.False(Bech32m.TryDecode("abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw", out _, out _, out _));
    }

    [Fact]
    public void An_address_survives_its_text_form_in_lower_and_upper_case() =>
        ProtocolGenerators.Address.Sample(address =>
        {
            var text = address.ToString();
            Assert.StartsWith("chain1", text, StringComparison.Ordinal);
            Assert.Equal(44, text.Length);
            Assert.Equal(address, Address.Parse(text));
            Assert.Equal(address, Address.Parse(text.ToUpperInvariant()));
        });

    [Fact]
    public void Every_one_character_typo_in_an_address_is_rejected() =>
        ProtocolGenerators.Address.Sample(address =>
        {
            var text = address.ToString();
            for (var position = 0; position < text.Length; position++)
            {
                foreach (var c in (Charset + "chain1").Distinct())
                {
                    if (c == text[position])
                    {
                        continue;
                    }

                    var typo = text[..position] + c + text[(position + 1)..];
                    Assert.False(Address.TryParse(typo, out _, out _), typo);
                }
            }
        }, iter: 10);

    [Fact]
    public void Swapping_two_adjacent_characters_of_an_address_is_rejected() =>
        ProtocolGenerators.Address.Sample(address =>
        {
            var text = address.ToString().ToCharArray();
            for (var i = 6; i < text.Length - 1; i++)
            {
                if (text[i] == text[i + 1])
                {
                    continue;
                }

                var swapped = (char[])text.Clone();
                (swapped[i], swapped[i + 1]) = (swapped[i + 1], swapped[i]);
                Assert.False(Address.TryParse(new string(swapped), out _, out _));
            }
        }, iter: 20);

    [Fact]
    public void A_mixed_case_address_is_rejected()
    {
        var text = VectorFixtures.AddressOf(1).ToString();
        var mixed = "CHAIN1" + text[6..];
        Assert.False(Address.TryParse(mixed, out _, out var error));
        Assert.Contains("case", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_valid_bech32m_string_with_another_prefix_is_not_an_address()
    {
        var text = Bech32m.Encode("bc", VectorFixtures.AddressOf(1).ToArray());
        Assert.True(Bech32m.TryDecode(text, out _, out _, out _));
        Assert.False(Address.TryParse(text, out _, out var error));
        Assert.Contains("prefix", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(19)]
    [InlineData(21)]
    [InlineData(32)]
    public void A_chain_string_carrying_the_wrong_number_of_bytes_is_not_an_address(int length)
    {
        var text = Bech32m.Encode("chain", new byte[length]);
        Assert.False(Address.TryParse(text, out _, out var error));
        Assert.Contains("20 bytes", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_address_is_the_first_20_bytes_of_the_tagged_hash_of_its_public_key() =>
        ProtocolGenerators.PublicKey.Sample(key =>
        {
            var digest = Hashing.Tagged(HashTags.Address, key.ToArray()).ToArray();
            Assert.Equal(digest[..20], key.ToAddress().ToArray());
        });
}
