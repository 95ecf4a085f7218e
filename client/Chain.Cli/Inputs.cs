using System.Globalization;
using Chain.Client;
using Chain.Protocol.Crypto;
using Chain.Protocol.Files;
using Chain.Protocol.Genesis;

namespace Chain.Cli;

/// <summary>Turns what the user typed into protocol values; anything unusable is <see cref="ChainClientErrorKind.InvalidInput"/> (exit 2).</summary>
internal static class Inputs
{
    public static Address Address(string? text, string what)
    {
        return Protocol.Crypto.Address.TryParse(text?.Trim(), out var address, out var error)
            ? address
            : throw Invalid($"{what} '{text}' is not an address: {error}. Addresses look like chain1… (see `chain keys show FILE`)");
    }

    public static Hash32 Hash(string? text)
    {
        return Hash32.TryParse(text?.Trim(), out var hash)
            ? hash
            : throw Invalid($"'{text}' is not a transaction hash: expected 64 hexadecimal characters");
    }

    public static KeyPair Key(string path)
    {
        try
        {
            return KeyFile.Read(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or ArgumentException)
        {
            throw Invalid($"cannot read key file {path}: {e.Message.TrimEnd('.')}. Create one with `chain keys new --out {path}`");
        }
    }

    public static GenesisDocument Genesis(string path)
    {
        try
        {
            return GenesisFile.Read(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or ArgumentException)
        {
            throw Invalid($"cannot read genesis file {path}: {e.Message.TrimEnd('.')}");
        }
    }

    /// <summary>
    /// Hex text, or <c>@FILE</c> holding hex text. Whitespace and a leading 0x are ignored; nothing else is
    /// changed, so malformed transactions reach the node exactly as written.
    /// </summary>
    public static byte[] HexBytes(string text)
    {
        string hex;
        if (text.StartsWith('@'))
        {
            var path = text[1..];
            try
            {
                hex = File.ReadAllText(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
            {
                throw Invalid($"cannot read {path}: {e.Message.TrimEnd('.')}");
            }
        }
        else
        {
            hex = text;
        }

        hex = string.Concat(hex.Where(c => !char.IsWhiteSpace(c)));
        if (hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            hex = hex[2..];
        }

        try
        {
            return Convert.FromHexString(hex);
        }
        catch (FormatException)
        {
            var where = text.StartsWith('@') ? $"the contents of {text[1..]}" : "the argument";
            throw Invalid($"{where} is not hex: expected an even number of 0-9a-f characters ({hex.Length.ToString(CultureInfo.InvariantCulture)} given)");
        }
    }

    /// <summary>A positive number of seconds given for <paramref name="what"/>.</summary>
    public static TimeSpan Seconds(int seconds, string what) =>
        seconds > 0 ? TimeSpan.FromSeconds(seconds) : throw Invalid($"{what} must be a positive number of seconds");

    public static ChainClientException Invalid(string message) => new(ChainClientErrorKind.InvalidInput, message);
}
