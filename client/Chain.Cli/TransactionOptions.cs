using System.CommandLine;
using Chain.Client;
using Chain.GrainInterfaces;
using Chain.Protocol;
using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;
using Chain.Protocol.Genesis;
using Chain.Protocol.Transactions;

namespace Chain.Cli;

/// <summary>
/// The options every command that sends a transaction shares (<c>--key --fee --nonce --chain-id --wait
/// --timeout --offline</c>), and the one path that signs, submits, waits and reports: <c>transfer</c>,
/// the <c>stake</c> commands and <c>bench finality</c> all go through it.
/// </summary>
internal sealed class TransactionOptions
{
    public const int DefaultTimeoutSeconds = 30;

    public Option<string> Key { get; } = new("--key", "-k") { Description = "The sender's key file.", HelpName = "FILE", Required = true };

    public Option<ulong?> Fee { get; } = new("--fee") { Description = "Fee in units. Default: the genesis minFee (offline: 1).", HelpName = "N" };

    public Option<ulong?> Nonce { get; } = new("--nonce") { Description = "The sender's nonce. Default: the account's next nonce from the node.", HelpName = "N" };

    public Option<string?> ChainId { get; } = new("--chain-id") { Description = "The chain id. Default: the node's.", HelpName = "ID" };

    public Option<bool> Wait { get; } = new("--wait") { Description = "Wait until the transaction is final, then verify its inclusion." };

    public Option<int> Timeout { get; } = new("--timeout")
    {
        Description = $"With --wait: seconds to wait (default {DefaultTimeoutSeconds}).",
        HelpName = "SECONDS",
        DefaultValueFactory = _ => DefaultTimeoutSeconds,
    };

    public Option<bool> Offline { get; } = new("--offline") { Description = "Only sign: print the raw transaction hex and hash. Needs --nonce and --chain-id." };

    /// <summary>Adds the shared options to <paramref name="command"/>, after its own.</summary>
    public Command AddTo(Command command)
    {
        foreach (var option in new Option[] { Key, Fee, Nonce, ChainId, Wait, Timeout, Offline })
        {
            command.Options.Add(option);
        }

        return command;
    }

    /// <summary>The key file named by --key; a missing or unreadable one is bad input.</summary>
    public KeyPair ReadKey(Invocation run) => Inputs.Key(run.Get(Key)!);

    /// <summary>
    /// Signs <paramref name="payload"/> with <paramref name="sender"/>; offline, prints it; otherwise submits
    /// it and, with --wait, waits for finality and reports the verified inclusion. <paramref name="what"/>
    /// names the transaction in messages ("the transfer", "the delegation").
    /// </summary>
    public async Task<int> SendAsync(Invocation run, KeyPair sender, TransactionPayload payload, string what, CancellationToken ct)
    {
        var givenChainId = run.Get(ChainId);
        if (givenChainId is not null && !Protocol.ChainId.IsValid(givenChainId))
        {
            throw Inputs.Invalid($"--chain-id '{givenChainId}' is not a chain id: 1..{ProtocolLimits.MaxChainIdLength} characters of [a-z0-9-]");
        }

        if (run.Get(Offline))
        {
            return SignOffline(run, sender, payload, givenChainId);
        }

        var timeout = TimeoutOf(run);
        await using var client = await run.ConnectAsync(ct);
        var transaction = new Transaction(
            givenChainId ?? (await client.GetStatusAsync()).ChainId,
            run.Get(Nonce) ?? await client.NextNonceAsync(sender.Address),
            sender.PublicKey,
            run.Get(Fee) ?? RequiredFee((await client.GetGenesisAsync()).Parameters.MinFee, payload),
            payload);
        var signed = transaction.Sign(sender);

        if (!run.Get(Wait))
        {
            var submitted = await client.SubmitAsync(signed);
            if (!submitted.Accepted)
            {
                throw ChainClient.Rejection(submitted);
            }

            var json = TransactionView.Json(signed);
            json["status"] = "pending";
            run.Emit(json, w =>
            {
                TransactionView.WriteSummary(w, signed);
                w.WriteLine($"status: accepted, pending. Follow it with `chain tx {signed.Hash}`");
            });
            return ExitCodes.Ok;
        }

        var inclusion = await SubmitAndAwaitFinalAsync(client, signed, timeout, ct);
        return ReportFinal(run, signed, inclusion, what);
    }

    /// <summary>
    /// The default fee: the minimum, plus for a contract payload the fee of its whole gas limit (docs/protocol.md
    /// §8.2); the fee of unused gas is refunded after execution.
    /// </summary>
    public static ulong RequiredFee(ulong minFee, TransactionPayload payload) =>
        payload is IContractPayload contract ? checked(minFee + ContractLimits.GasFee(contract.GasLimit)) : minFee;

    /// <summary>--timeout as a span; zero or negative is bad input.</summary>
    public TimeSpan TimeoutOf(Invocation run) => Inputs.Seconds(run.Get(Timeout), "--timeout");

    /// <summary>
    /// The --wait path: submits, waits up to <paramref name="timeout"/> for finality and returns the
    /// verified inclusion. A refusal, a transaction the node forgot, and a timeout are failures with their
    /// own exit codes (1, 5, 6).
    /// </summary>
    public static async Task<TransactionInclusion> SubmitAndAwaitFinalAsync(ChainClient client, SignedTransaction signed, TimeSpan timeout, CancellationToken ct)
    {
        var outcome = await client.SubmitAndWaitAsync(signed, timeout, ct);
        return outcome.Inclusion ?? throw (outcome.Status == TransactionStatus.Unknown
            ? new ChainClientException(
                ChainClientErrorKind.NotFound,
                $"transaction {signed.Hash} was admitted but the node no longer knows it (dropped before inclusion?); check the nonce with `chain balance {signed.Body.SenderAddress}` and send it again")
            : new ChainClientException(
                ChainClientErrorKind.TimedOut,
                $"transaction {signed.Hash} is still pending after {timeout.TotalSeconds:0}s; check it later with `chain tx {signed.Hash}`"));
    }

    /// <summary>The failure of a transaction that was included but whose receipt is not a success; null when it succeeded.</summary>
    public static CliFailure? ReceiptFailure(TransactionInclusion inclusion, string what)
    {
        var receipt = inclusion.Receipt;
        var reason = receipt.Contract is { Message.Length: > 0 } outcome ? $" ({System.Text.Encoding.UTF8.GetString(outcome.Message)})" : string.Empty;
        return receipt.Status == ReceiptStatus.Success
            ? null
            : new CliFailure(
                ExitCodes.Rejected,
                Display.Kebab(receipt.Status),
                $"{what} was included in block {inclusion.Header.Height} but failed: {Display.Kebab(receipt.Status)}{reason} (the fee of {receipt.FeeCharged} was charged, nothing else changed)");
    }

    private int SignOffline(Invocation run, KeyPair sender, TransactionPayload payload, string? chainId)
    {
        var nonce = run.Get(Nonce);
        if (nonce is null || chainId is null)
        {
            throw Inputs.Invalid("--offline needs --nonce and --chain-id: there is no node to ask for them");
        }

        if (run.Get(Wait))
        {
            throw Inputs.Invalid("--offline and --wait cannot be combined: an offline transaction is not submitted");
        }

        var signed = new Transaction(chainId, nonce.Value, sender.PublicKey, run.Get(Fee) ?? RequiredFee(ChainParameters.Default.MinFee, payload), payload).Sign(sender);
        var raw = Display.Hex(signed.Encode());
        var json = TransactionView.Json(signed);
        json["raw"] = raw;
        run.Emit(json, w =>
        {
            TransactionView.WriteSummary(w, signed);
            w.WriteLine($"raw:    {raw}");
            w.WriteLine("Not submitted. Submit it with `chain tx send-raw HEX`.");
        });
        return ExitCodes.Ok;
    }

    private static int ReportFinal(Invocation run, SignedTransaction signed, TransactionInclusion inclusion, string what)
    {
        var receipt = inclusion.Receipt;
        return run.Emit(
            TransactionView.FinalJson(inclusion),
            w =>
            {
                TransactionView.WriteSummary(w, signed);
                w.WriteLine($"status: final in block {inclusion.Header.Height} at index {inclusion.Index}; receipt: {Display.Kebab(receipt.Status)}, fee charged {receipt.FeeCharged}");
                if (receipt.Contract is { } outcome)
                {
                    ContractView.WriteOutcome(w, signed.Body.Payload, outcome, receipt.Status);
                }

                w.WriteLine($"inclusion: verified against block {inclusion.Header.Height}'s transactions root");
                if (inclusion.Legs.Count > 0)
                {
                    TransactionView.WriteLegs(w, inclusion.Legs);
                }
            },
            ReceiptFailure(inclusion, what));
    }
}
