using System.Text.Json;
using Chain.Cli;
using Chain.Client;
using Chain.GrainInterfaces;
using Chain.Protocol.Transactions;

namespace Chain.Tests.Client;

public sealed class ExitCodesTests
{
    [Fact]
    public void A_refused_transaction_exits_1_with_the_error_code_in_kebab_case_and_the_nodes_message()
    {
        var refusal = ChainClient.Rejection(new SubmitResult(false, null, (int)TxErrorCode.NonceTooLow, "nonce 3 was used; the next nonce is 4"));

        var failure = ExitCodes.Classify(refusal);

        Assert.Equal(ExitCodes.Rejected, failure.ExitCode);
        Assert.Equal("nonce-too-low", failure.Code);
        Assert.Contains("NonceTooLow", failure.Message, StringComparison.Ordinal);
        Assert.Contains("nonce 3 was used; the next nonce is 4", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void In_json_mode_a_refusal_is_an_error_object_on_stdout_and_a_line_on_stderr()
    {
        var refusal = ChainClient.Rejection(new SubmitResult(false, null, (int)TxErrorCode.FeeTooLow, "the minimum fee is 5"));
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = ExitCodes.Report(stdout, stderr, json: true, ExitCodes.Classify(refusal));

        Assert.Equal(ExitCodes.Rejected, code);
        Assert.StartsWith("error: the chain refused the transaction (FeeTooLow): the minimum fee is 5", stderr.ToString(), StringComparison.Ordinal);
        using var json = JsonDocument.Parse(stdout.ToString());
        Assert.Equal("fee-too-low", json.RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(ExitCodes.Classify(refusal).Message, json.RootElement.GetProperty("error").GetProperty("message").GetString());
    }

    [Theory]
    [InlineData(ChainClientErrorKind.InvalidInput, ExitCodes.Usage)]
    [InlineData(ChainClientErrorKind.Unreachable, ExitCodes.Unreachable)]
    [InlineData(ChainClientErrorKind.VerificationFailed, ExitCodes.VerificationFailed)]
    [InlineData(ChainClientErrorKind.NotFound, ExitCodes.NotFound)]
    [InlineData(ChainClientErrorKind.TimedOut, ExitCodes.TimedOut)]
    public void Each_failure_kind_has_its_own_exit_code(ChainClientErrorKind kind, int exitCode)
    {
        Assert.Equal(exitCode, ExitCodes.Classify(new ChainClientException(kind, "x")).ExitCode);
    }

    [Fact]
    public void An_unknown_error_code_from_a_newer_node_is_still_reported()
    {
        var failure = ExitCodes.Classify(ChainClient.Rejection(new SubmitResult(false, null, 99, "something new")));

        Assert.Equal(ExitCodes.Rejected, failure.ExitCode);
        Assert.Contains("error 99", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TxErrorCode.NonceTooLow, "nonce-too-low")]
    [InlineData(TxErrorCode.Malformed, "malformed")]
    [InlineData(TxErrorCode.InvalidSignature, "invalid-signature")]
    public void Error_codes_are_written_in_kebab_case(TxErrorCode code, string expected)
    {
        Assert.Equal(expected, Display.Kebab(code));
    }

    [Fact]
    public void Times_are_iso_8601_utc()
    {
        Assert.Equal("2023-11-14T22:13:20.123Z", Display.Time(1_700_000_000_123));
    }
}
