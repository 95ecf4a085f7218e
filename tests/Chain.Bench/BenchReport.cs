using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace Chain.Bench;

/// <summary>Writes a result: a table for people on stdout, the same numbers as JSON to a file when asked.</summary>
internal static class BenchReport
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(JsonObject result, FileInfo? json, Table table)
    {
        AnsiConsole.Write(table);
        if (json is not null)
        {
            File.WriteAllText(json.FullName, result.ToJsonString(Indented) + Environment.NewLine);
            AnsiConsole.MarkupLineInterpolated($"[grey]wrote {json.FullName}[/]");
        }
    }

    /// <summary>A machine description for the JSON: results only compare on the same machine.</summary>
    public static JsonObject Machine() => new()
    {
        ["cores"] = Environment.ProcessorCount,
        ["os"] = System.Runtime.InteropServices.RuntimeInformation.OSDescription,
        ["runtime"] = System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
        ["serverGc"] = System.Runtime.GCSettings.IsServerGC,
        ["utc"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
    };

    public static string Rate(double perSecond) => perSecond.ToString("N0", CultureInfo.InvariantCulture);

    public static string Ms(double ms) => ms.ToString("0.0", CultureInfo.InvariantCulture);

    public static double Round(double value, int digits = 1) => Math.Round(value, digits);

    /// <summary>A failed check: the benchmark reports no time for a wrong answer.</summary>
    public static int Failed(string message)
    {
        AnsiConsole.MarkupLineInterpolated($"[red]check failed:[/] {message}");
        return 1;
    }
}
