using System.CommandLine;
using System.CommandLine.Help;
using Chain.Cli;

namespace Chain.Bench;

/// <summary>The tool's command line: <c>exec</c>, <c>shards</c>, <c>node</c> and <c>state</c>, each with its examples under <c>--help</c>.</summary>
internal static class BenchCli
{
    public const string Run = "dotnet run --project tests/Chain.Bench -c Release --";

    public static RootCommand Create()
    {
        var examples = new Dictionary<Command, string[]>();
        var root = new RootCommand(
            """
            Chain benchmarks. Each checks its answer before it reports a time:
              exec   block execution in memory (sequential vs parallel, by contention level); state roots must agree
              shards sharded blocks in memory, built and verified, by shard count and cross-shard fraction, and where a
                     cross-shard transfer's cost goes; every receipt must be applied exactly once and supply conserved
              node   end to end on a devnet: finalized transfers per second and submit-to-final latency,
                     against the machine's raw Ed25519 verification rate; every transfer must be final and succeed
              state  memory and disk per funded account on a devnet
            Run from the repository root in Release; results go to stdout as a table, and to --json FILE.
            """)
        {
            ExecBenchmark.Command(examples),
            ShardBenchmark.Command(examples),
            NodeBenchmark.Command(examples),
            StateBenchmark.Command(examples),
        };
        examples[root] =
        [
            $"{Run} exec --blocks 10 --txs 5000",
            $"{Run} shards --shards 1,2,4 --cross 0,10,50 --json shards.json",
            $"{Run} node --validators 4 --transactions 20000 --connections 4 --json node.json",
            $"{Run} state --accounts 100000",
            $"{Run} exec --help",
        ];
        foreach (var option in root.Options)
        {
            if (option is HelpOption { Action: HelpAction help })
            {
                option.Action = new HelpWithExamples(help, examples);
            }
        }

        return root;
    }

    /// <summary>The <c>--json FILE</c> option every benchmark takes.</summary>
    public static Option<FileInfo?> JsonOption() => new("--json")
    {
        Description = "Also write the result as JSON to FILE.",
        HelpName = "FILE",
    };
}
