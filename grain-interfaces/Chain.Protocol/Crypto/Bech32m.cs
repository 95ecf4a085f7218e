using System.Text;

namespace Chain.Protocol.Crypto;

/// <summary>Bech32m (BIP-350) encoding of byte strings: lowercase, checksummed, at most 90 characters.</summary>
public static class Bech32m
{
    private const string Charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private const uint Constant = 0x2bc830a3;
    private const int MaxLength = 90;

    public static string Encode(string hrp, ReadOnlySpan<byte> data)
    {
        var values = ConvertBits(data, 8, 5, pad: true)!;
        var checksum = CreateChecksum(hrp, values);
        var sb = new StringBuilder(hrp.Length + 1 + values.Length + 6);
        sb.Append(hrp).Append('1');
        foreach (var v in values)
        {
            sb.Append(Charset[v]);
        }

        foreach (var v in checksum)
        {
            sb.Append(Charset[v]);
        }

        return sb.ToString();
    }

    public static bool TryDecode(string? text, out string hrp, out byte[] data, out string error)
    {
        hrp = string.Empty;
        data = [];
        if (string.IsNullOrEmpty(text))
        {
            error = "address is empty";
            return false;
        }

        if (text.Length > MaxLength)
        {
            error = $"address is longer than {MaxLength} characters";
            return false;
        }

        var hasLower = false;
        var hasUpper = false;
        foreach (var ch in text)
        {
            if (ch is < (char)33 or > (char)126)
            {
                error = "address contains a character outside printable ASCII";
                return false;
            }

            hasLower |= ch is >= 'a' and <= 'z';
            hasUpper |= ch is >= 'A' and <= 'Z';
        }

        if (hasLower && hasUpper)
        {
            error = "address mixes upper and lower case";
            return false;
        }

        var lower = text.ToLowerInvariant();
        var separator = lower.LastIndexOf('1');
        if (separator < 1 || separator + 7 > lower.Length)
        {
            error = "address has no '1' separator followed by a 6-character checksum";
            return false;
        }

        hrp = lower[..separator];
        var values = new byte[lower.Length - separator - 1];
        for (var i = 0; i < values.Length; i++)
        {
            var index = Charset.IndexOf(lower[separator + 1 + i], StringComparison.Ordinal);
            if (index < 0)
            {
                error = $"address contains '{lower[separator + 1 + i]}', which is not a Bech32 character";
                return false;
            }

            values[i] = (byte)index;
        }

        if (Polymod(Expand(hrp, values)) != Constant)
        {
            error = "address checksum does not match (a typo?)";
            return false;
        }

        var decoded = ConvertBits(values.AsSpan(0, values.Length - 6), 5, 8, pad: false);
        if (decoded is null)
        {
            error = "address has invalid padding";
            return false;
        }

        data = decoded;
        error = string.Empty;
        return true;
    }

    private static byte[] CreateChecksum(string hrp, byte[] values)
    {
        var expanded = Expand(hrp, values);
        var withZeros = new byte[expanded.Length + 6];
        expanded.CopyTo(withZeros, 0);
        var mod = Polymod(withZeros) ^ Constant;
        var checksum = new byte[6];
        for (var i = 0; i < 6; i++)
        {
            checksum[i] = (byte)((mod >> (5 * (5 - i))) & 31);
        }

        return checksum;
    }

    private static byte[] Expand(string hrp, ReadOnlySpan<byte> values)
    {
        var result = new byte[(hrp.Length * 2) + 1 + values.Length];
        for (var i = 0; i < hrp.Length; i++)
        {
            result[i] = (byte)(hrp[i] >> 5);
            result[hrp.Length + 1 + i] = (byte)(hrp[i] & 31);
        }

        values.CopyTo(result.AsSpan((hrp.Length * 2) + 1));
        return result;
    }

    private static uint Polymod(ReadOnlySpan<byte> values)
    {
        ReadOnlySpan<uint> generator = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
        uint chk = 1;
        foreach (var v in values)
        {
            var top = chk >> 25;
            chk = ((chk & 0x1ffffff) << 5) ^ v;
            for (var i = 0; i < 5; i++)
            {
                if (((top >> i) & 1) != 0)
                {
                    chk ^= generator[i];
                }
            }
        }

        return chk;
    }

    private static byte[]? ConvertBits(ReadOnlySpan<byte> data, int fromBits, int toBits, bool pad)
    {
        var acc = 0;
        var bits = 0;
        var maxValue = (1 << toBits) - 1;
        var result = new List<byte>((data.Length * fromBits / toBits) + 1);
        foreach (var value in data)
        {
            acc = (acc << fromBits) | value;
            bits += fromBits;
            while (bits >= toBits)
            {
                bits -= toBits;
                result.Add((byte)((acc >> bits) & maxValue));
            }
        }

        if (pad)
        {
            if (bits > 0)
            {
                result.Add((byte)((acc << (toBits - bits)) & maxValue));
            }
        }
        else if (bits >= fromBits || ((acc << (toBits - bits)) & maxValue) != 0)
        {
            return null;
        }

        return [.. result];
    }
}
