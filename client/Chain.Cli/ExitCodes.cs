using System.Text.Json.Nodes;
using Chain.Client;

namespace Chain.Cli;

/// <summary>The exit codes of <c>chain</c>, and the one place that maps failures to them.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The chain refused the transaction (admission, or a failed receipt when waiting).</summary>
    public const int Rejected = 1;

    /// <summary>Bad usage or input: a bad address, hex string, key file or option.</summary>
    public const int Usage = 2;

    public const int Unreachable = 3;
    public const int VerificationFailed = 4;
    public const int NotFound = 5;

    /// <summary>--wait ran out before the transaction became final.</summary>
    public const int TimedOut = 6;

    /// <summary>A bug in chain itself.</summary>
    public const int Internal = 70;

    public const int Cancelled = 130;

    internal static CliFailure Classify(Exception exception) => exception switch
    {
        ChainClientException { Kind: ChainClientErrorKind.Rejected, TxError: { } tx } e => new(Rejected, Display.Kebab(tx), e.Message),
        ChainClientException { Kind: ChainClientErrorKind.Unreachable } e =>
            new(Unreachable, "unreachable", $"{e.Message} (choose the node with --gateway HOST:PORT or ${CliContext.GatewayVariable})"),
        ChainClientException e => new(For(e.Kind), Display.Kebab(e.Kind), e.Message),
        OperationCanceledException => new(Cancelled, "cancelled", "cancelled"),
        _ => new(Internal, "internal", $"unexpected {exception.GetType().Name}: {exception.Message} (this is a bug in chain; please report it)"),
    };

    internal static int For(ChainClientErrorKind kind) => kind switch
    {
        ChainClientErrorKind.Rejected => Rejected,
        ChainClientErrorKind.InvalidInput => Usage,
        ChainClientErrorKind.Unreachable => Unreachable,
        ChainClientErrorKind.VerificationFailed => VerificationFailed,
        ChainClientErrorKind.NotFound => NotFound,
        ChainClientErrorKind.TimedOut => TimedOut,
        _ => Internal,
    };

    /// <summary>Writes "error: …" on stderr and, in JSON mode, <c>{"error": {"code", "message"}}</c> on stdout.</summary>
    internal static int Report(TextWriter stdout, TextWriter stderr, bool json, CliFailure failure)
    {
        stderr.WriteLine($"error: {failure.Message}");
        if (json)
        {
            Cli.WriteJson(stdout, new JsonObject { ["error"] = ErrorObject(failure) });
        }

        return failure.ExitCode;
    }

    internal static JsonObject ErrorObject(CliFailure failure) => new()
    {
        ["code"] = failure.Code,
        ["message"] = failure.Message,
    };
}
