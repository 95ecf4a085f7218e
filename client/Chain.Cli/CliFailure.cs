namespace Chain.Cli;

/// <summary>A failed command: its exit code, a stable kebab-case code for scripts, and a message that says what to do.</summary>
internal sealed record CliFailure(int ExitCode, string Code, string Message);
