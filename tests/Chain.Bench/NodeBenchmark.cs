using System.CommandLine;

namespace Chain.Bench;

internal static class NodeBenchmark
{
    public static Command Command(Dictionary<Command, string[]> examples) => new("node", "todo");
}
