using System.Text.Json;
using System.Text.RegularExpressions;

namespace Chain.Tests.Unit.Deployment;

/// <summary>
/// Every setting named in deploy/ (CHAIN__* environment variables, silo flags) and in the silo's
/// appsettings.json is one the silo reads: a settable property of silo/ChainSiloOptions.cs (the type the
/// silo binds its "Chain" configuration section to) or a flag silo/*.cs defines. Read from the sources, so
/// this project needs no reference to the silo.
/// </summary>
public sealed partial class DeploySettingsTests
{
    private static readonly string Root = FindRoot();

    [Fact]
    public void The_options_and_flags_are_found_in_the_silo_sources()
    {
        var options = OptionNames();
        var flags = FlagNames();

        Assert.Contains("Storage", options);
        Assert.Contains("Postgres", options);
        Assert.Contains("ValidatorKeys", options);
        Assert.Contains("--storage", flags);
        Assert.Contains("--data-dir", flags);
    }

    [Fact]
    public void Every_CHAIN_environment_variable_in_deploy_names_a_silo_setting()
    {
        var options = OptionNames();
        var lists = ListOptionNames();
        var used = DeployFiles()
            .SelectMany(f => EnvironmentVariable().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetRelativePath(Root, f), Name: m.Value)))
            .ToList();

        Assert.True(used.Count >= 10, $"found only {used.Count} CHAIN__ settings under deploy/; did the files or this parser change?");
        foreach (var (file, name) in used)
        {
            var parts = name["CHAIN__".Length..].Split("__");
            Assert.True(options.Contains(parts[0]), $"{file}: {name} is not a setting of silo/ChainSiloOptions.cs");
            if (parts.Length > 1)
            {
                Assert.True(lists.Contains(parts[0]) && parts.Length == 2 && int.TryParse(parts[1], out _), $"{file}: {name} indexes a setting that is not a list");
            }
        }
    }

    [Fact]
    public void Every_silo_flag_in_deploy_is_one_the_silo_defines()
    {
        var flags = FlagNames();
        foreach (var file in DeployFiles())
        {
            foreach (var line in File.ReadLines(file).Where(l => l.Contains("Chain.Silo.dll", StringComparison.Ordinal)))
            {
                foreach (Match flag in Flag().Matches(line[line.IndexOf("Chain.Silo.dll", StringComparison.Ordinal)..]))
                {
                    Assert.True(flags.Contains(flag.Value), $"{Path.GetRelativePath(Root, file)}: {flag.Value} is not a silo flag");
                }
            }
        }
    }

    [Fact]
    public void The_silo_appsettings_only_holds_silo_settings()
    {
        var options = OptionNames();
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "silo", "appsettings.json")));

        foreach (var setting in json.RootElement.GetProperty("Chain").EnumerateObject())
        {
            Assert.True(options.Contains(setting.Name), $"silo/appsettings.json: Chain:{setting.Name} is not a setting");
        }
    }

    private static HashSet<string> OptionNames() =>
        new(OptionProperty().Matches(OptionsSource()).Select(m => m.Groups["name"].Value), StringComparer.OrdinalIgnoreCase);

    private static HashSet<string> ListOptionNames() =>
        new(OptionProperty().Matches(OptionsSource()).Where(m => m.Groups["type"].Value.StartsWith("List<", StringComparison.Ordinal)).Select(m => m.Groups["name"].Value), StringComparer.OrdinalIgnoreCase);

    private static string OptionsSource() => File.ReadAllText(Path.Combine(Root, "silo", "ChainSiloOptions.cs"));

    private static HashSet<string> FlagNames() =>
        new(Directory.EnumerateFiles(Path.Combine(Root, "silo"), "*.cs").SelectMany(f => FlagDefinition().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value)), StringComparer.Ordinal);

    private static IEnumerable<string> DeployFiles() =>
        Directory.EnumerateFiles(Path.Combine(Root, "deploy"), "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Chain.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("no Chain.sln above the test output directory");
    }

    [GeneratedRegex(@"public\s+(?<type>[\w<>?]+)\s+(?<name>\w+)\s*\{\s*get;\s*set;\s*\}")]
    private static partial Regex OptionProperty();

    [GeneratedRegex(@"CHAIN__[A-Z0-9_]*[A-Z0-9]")]
    private static partial Regex EnvironmentVariable();

    [GeneratedRegex(@"(?<![\w-])--[a-z][a-z-]*")]
    private static partial Regex Flag();

    [GeneratedRegex(@"""(--[a-z][a-z-]*)""")]
    private static partial Regex FlagDefinition();
}
