using System.CommandLine;

namespace Chain.Bench;

internal static class StateBenchmark
{
    public static Command Command(Dictionary<Command, string[]> examples) => new("state", "todo");
}
