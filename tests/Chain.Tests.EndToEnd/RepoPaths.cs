namespace Chain.Tests.EndToEnd;

/// <summary>Finds the built silo and CLI next to this test build (same configuration).</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    public static string SiloDll => Built("silo", "Chain.Silo.dll");

    public static string CliDll => Built(Path.Combine("client", "Chain.Cli"), "chain.dll");

    private static string Built(string project, string dll)
    {
        var path = Path.Combine(Root, project, "bin", Configuration, "net10.0", dll);
        return File.Exists(path) ? path : throw new FileNotFoundException($"{path} is missing; build the solution first", path);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Chain.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Chain.sln not found above the test directory");
    }
}
