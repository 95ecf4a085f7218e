namespace Chain.Tests.Unit.Protocol.Vectors;

/// <summary>Where the vector files live: copied next to the tests at build time, and in docs/test-vectors of the checkout.</summary>
internal static class VectorFiles
{
    public const string RegenerateVariable = "CHAIN_REGENERATE_VECTORS";

    public static bool RegenerationRequested => Environment.GetEnvironmentVariable(RegenerateVariable) == "1";

    public static string CopiedPath(string name) => Path.Combine(AppContext.BaseDirectory, "test-vectors", name);

    /// <summary>
    /// The text of a vector file as built next to the tests; while regenerating, the text being written,
    /// so the checks in the same run see the new files.
    /// </summary>
    public static string Read(string name) => RegenerationRequested ? VectorGenerator.Generate()[name] : File.ReadAllText(CopiedPath(name));

    /// <summary>docs/test-vectors of the checkout, found by walking up to the directory that holds Chain.sln.</summary>
    public static string SourceDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Chain.sln")))
            {
                return Path.Combine(dir.FullName, "docs", "test-vectors");
            }
        }

        throw new DirectoryNotFoundException("no Chain.sln above the test output directory");
    }
}
