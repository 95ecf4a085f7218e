using System.CommandLine;
using System.CommandLine.Help;
using System.Text.Encodings.Web;
using System.Text.Json;
using Chain.Client;

namespace Chain.Cli;

/// <summary>What every command shares: the output streams, the global options and how to reach a node.</summary>
internal sealed class CliContext(TextWriter stdout, TextWriter stderr, Func<string, CancellationToken, Task<ChainClient>> connect)
{
    public const string DefaultGateway = "localhost:30000";
    public const string GatewayVariable = "CHAIN_GATEWAY";

    /// <summary>Indented, and without escaping of quotes or non-ASCII text: this JSON is for terminals and jq, not HTML.</summary>
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly Dictionary<Command, string[]> _examples = [];

    public TextWriter Out { get; } = stdout;

    public TextWriter Error { get; } = stderr;

    /// <summary>Opens a client to a gateway: <see cref="ChainClient.ConnectAsync"/>, or a test's client over fake grains.</summary>
    public Func<string, CancellationToken, Task<ChainClient>> Connect { get; } = connect;

    public Option<string> Gateway { get; } = new("--gateway")
    {
        Description = $"The node's gateway, HOST:PORT. Default: ${GatewayVariable}, else {DefaultGateway}.",
        HelpName = "HOST:PORT",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(GatewayVariable) is { Length: > 0 } fromEnvironment
            ? fromEnvironment
            : DefaultGateway,
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Print one JSON object on stdout (camelCase keys, amounts as numbers, lowercase hex) instead of text.",
        Recursive = true,
    };

    /// <summary>Registers example lines that `--help` prints under the command's usage.</summary>
    public Command Examples(Command command, params string[] lines)
    {
        _examples[command] = lines;
        return command;
    }

    /// <summary>Makes `--help` on every command end with that command's examples.</summary>
    public void AddExamplesToHelp(RootCommand root)
    {
        foreach (var option in root.Options)
        {
            if (option is HelpOption { Action: HelpAction help })
            {
                option.Action = new HelpWithExamples(help, _examples);
            }
        }
    }

    /// <summary>Wraps a command body: builds its <see cref="Invocation"/> and turns any failure into an error line and exit code.</summary>
    public Func<ParseResult, CancellationToken, Task<int>> Handle(Func<Invocation, CancellationToken, Task<int>> body) =>
        async (parse, ct) =>
        {
            var invocation = new Invocation(this, parse);
            try
            {
                return await body(invocation, ct);
            }
            catch (Exception e)
            {
                return ExitCodes.Report(Out, Error, invocation.Json, ExitCodes.Classify(e));
            }
        };
}
