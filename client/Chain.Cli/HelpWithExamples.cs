using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace Chain.Cli;

/// <summary>The standard help, followed by the command's example lines (System.CommandLine 2.0 has no public hook for extra help sections).</summary>
internal sealed class HelpWithExamples(HelpAction help, IReadOnlyDictionary<Command, string[]> examples) : SynchronousCommandLineAction
{
    public override bool ClearsParseErrors => true;

    public override int Invoke(ParseResult parseResult)
    {
        var exitCode = help.Invoke(parseResult);
        if (examples.TryGetValue(parseResult.CommandResult.Command, out var lines))
        {
            var output = parseResult.InvocationConfiguration.Output;
            output.WriteLine("Examples:");
            foreach (var line in lines)
            {
                output.WriteLine($"  {line}");
            }

            output.WriteLine();
        }

        return exitCode;
    }
}
