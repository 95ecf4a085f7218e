using System.Globalization;
using System.Text;

namespace Chain.Cli;

/// <summary>How values are written for people and scripts: kebab-case names, ISO-8601 UTC times, lowercase hex.</summary>
internal static class Display
{
    /// <summary><c>NonceTooLow</c> becomes <c>nonce-too-low</c>.</summary>
    public static string Kebab<TEnum>(TEnum value)
        where TEnum : struct, Enum
    {
        var name = value.ToString();
        var text = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0)
            {
                text.Append('-');
            }

            text.Append(char.ToLowerInvariant(c));
        }

        return text.ToString();
    }

    public static string Time(long unixMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(unixMs).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    public static string Number(ulong value) => value.ToString(CultureInfo.InvariantCulture);
}
