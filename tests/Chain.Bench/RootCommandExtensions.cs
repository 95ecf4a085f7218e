using System.CommandLine;

namespace Chain.Bench;

/// <summary>Adds benchmarks registered outside <see cref="BenchCli"/> (one line each in Program.cs).</summary>
internal static class RootCommandExtensions
{
    public static RootCommand With(this RootCommand root, Command benchmark)
    {
        root.Subcommands.Add(benchmark);
        return root;
    }
}
