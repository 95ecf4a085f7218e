using System.CommandLine;
using System.Text.Json.Nodes;
using Chain.Client;

namespace Chain.Cli;

/// <summary>One run of one command: its parsed values and where its output goes.</summary>
internal sealed class Invocation(CliContext context, ParseResult parse)
{
    public ParseResult Parse { get; } = parse;

    public bool Json { get; } = parse.GetValue(context.Json);

    public string Gateway { get; } = parse.GetValue(context.Gateway) ?? CliContext.DefaultGateway;

    public TextWriter Out => context.Out;

    public TextWriter Error => context.Error;

    public T? Get<T>(Option<T> option) => Parse.GetValue(option);

    public T? Get<T>(Argument<T> argument) => Parse.GetValue(argument);

    public Task<ChainClient> ConnectAsync(CancellationToken ct) => context.Connect(Gateway, ct);

    /// <summary>Prints the result: <paramref name="json"/> with --json, otherwise the human form.</summary>
    public void Emit(JsonObject json, Action<TextWriter> human)
    {
        if (Json)
        {
            Cli.WriteJson(Out, json);
        }
        else
        {
            human(Out);
        }
    }

    /// <summary>
    /// Prints the result as <see cref="Emit(JsonObject, Action{TextWriter})"/> does; when <paramref name="failure"/> is set, the JSON also
    /// carries its error object, stderr gets its "error: " line, and its exit code is returned.
    /// </summary>
    public int Emit(JsonObject json, Action<TextWriter> human, CliFailure? failure)
    {
        if (failure is not null)
        {
            json["error"] = ExitCodes.ErrorObject(failure);
        }

        Emit(json, human);
        if (failure is null)
        {
            return ExitCodes.Ok;
        }

        Error.WriteLine($"error: {failure.Message}");
        return failure.ExitCode;
    }
}
