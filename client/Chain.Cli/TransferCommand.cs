using System.CommandLine;
using System.Text;
using Chain.Client;
using Chain.GrainInterfaces;
using Chain.Protocol;
using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;
using Chain.Protocol.Genesis;
using Chain.Protocol.Transactions;

namespace Chain.Cli;

/// <summary><c>chain transfer</c>: sign a transfer and submit it, optionally waiting until it is final; or, offline, just sign it.</summary>
internal static class TransferCommand
{
    private const int DefaultTimeoutSeconds = 30;

    public static Command Create(CliContext context)
    {
        var key = new Option<string>("--key", "-k") { Description = "The sender's key file.", HelpName = "FILE", Required = true };
        var to = new Option<string>("--to") { Description = "The recipient's address (chain1…).", HelpName = "ADDR", Required = true };
        var amount = new Option<ulong>("--amount") { Description = "Units to send.", HelpName = "N", Required = true };
        var fee = new Option<ulong?>("--fee") { Description = "Fee in units. Default: the genesis minFee (offline: 1).", HelpName = "N" };
        var memo = new Option<string?>("--memo") { Description = $"Text stored with the transfer, up to {ProtocolLimits.MaxMemoBytes} UTF-8 bytes.", HelpName = "TEXT" };
        var nonce = new Option<ulong?>("--nonce") { Description = "The sender's nonce. Default: the account's next nonce from the node.", HelpName = "N" };
        var chainId = new Option<string?>("--chain-id") { Description = "The chain id. Default: the node's.", HelpName = "ID" };
        var wait = new Option<bool>("--wait") { Description = "Wait until the transfer is final, then verify its inclusion." };
        var timeout = new Option<int>("--timeout")
        {
            Description = $"With --wait: seconds to wait (default {DefaultTimeoutSeconds}).",
            HelpName = "SECONDS",
            DefaultValueFactory = _ => DefaultTimeoutSeconds,
        };
        var offline = new Option<bool>("--offline") { Description = "Only sign: print the raw transaction hex and hash. Needs --nonce and --chain-id." };

        var command = new Command(
            "transfer",
            "Send units from a key file's account to an address; with --wait, until it is final and its inclusion verified.")
        {
            key, to, amount, fee, memo, nonce, chainId, wait, timeout, offline,
        };

        context.Examples(
            command,
            "chain transfer --key alice.key --to chain1… --amount 100 --wait",
            "chain transfer --key alice.key --to chain1… --amount 100 --nonce 0 --chain-id devnet --offline");
        command.SetAction(context.Handle(async (run, ct) =>
        {
            using var sender = Inputs.Key(run.Get(key)!);
            var recipient = Inputs.Address(run.Get(to), "--to");
            var memoBytes = Encoding.UTF8.GetBytes(run.Get(memo) ?? string.Empty);
            if (memoBytes.Length > ProtocolLimits.MaxMemoBytes)
            {
                throw Inputs.Invalid($"--memo is {memoBytes.Length} bytes; the limit is {ProtocolLimits.MaxMemoBytes}");
            }

            var givenChainId = run.Get(chainId);
            if (givenChainId is not null && !ChainId.IsValid(givenChainId))
            {
                throw Inputs.Invalid($"--chain-id '{givenChainId}' is not a chain id: 1..{ProtocolLimits.MaxChainIdLength} characters of [a-z0-9-]");
            }

            var payload = new Transfer(recipient, run.Get(amount), memoBytes);
            if (run.Get(offline))
            {
                return SignOffline(run, sender, payload, run.Get(fee), run.Get(nonce), givenChainId, run.Get(wait));
            }

            var timeoutSeconds = run.Get(timeout);
            if (timeoutSeconds <= 0)
            {
                throw Inputs.Invalid("--timeout must be a positive number of seconds");
            }

            await using var client = await run.ConnectAsync(ct);
            var transaction = new Transaction(
                givenChainId ?? (await client.GetStatusAsync()).ChainId,
                run.Get(nonce) ?? await client.NextNonceAsync(sender.Address),
                sender.PublicKey,
                run.Get(fee) ?? (await client.GetGenesisAsync()).Parameters.MinFee,
                payload);
            var signed = transaction.Sign(sender);

            if (!run.Get(wait))
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

            var outcome = await client.SubmitAndWaitAsync(signed, TimeSpan.FromSeconds(timeoutSeconds), ct);
            if (outcome.Inclusion is not { } inclusion)
            {
                throw outcome.Status == TransactionStatus.Unknown
                    ? new ChainClientException(
                        ChainClientErrorKind.NotFound,
                        $"transaction {signed.Hash} was admitted but the node no longer knows it (dropped before inclusion?); check the nonce with `chain balance {signed.Body.SenderAddress}` and send it again")
                    : new ChainClientException(
                        ChainClientErrorKind.TimedOut,
                        $"transaction {signed.Hash} is still pending after {timeoutSeconds}s; check it later with `chain tx {signed.Hash}`");
            }

            return ReportFinal(run, signed, inclusion);
        }));
        return command;
    }

    private static int SignOffline(Invocation run, KeyPair sender, Transfer payload, ulong? fee, ulong? nonce, string? chainId, bool wait)
    {
        if (nonce is null || chainId is null)
        {
            throw Inputs.Invalid("--offline needs --nonce and --chain-id: there is no node to ask for them");
        }

        if (wait)
        {
            throw Inputs.Invalid("--offline and --wait cannot be combined: an offline transaction is not submitted");
        }

        var signed = new Transaction(chainId, nonce.Value, sender.PublicKey, fee ?? ChainParameters.Default.MinFee, payload).Sign(sender);
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

    private static int ReportFinal(Invocation run, SignedTransaction signed, TransactionInclusion inclusion)
    {
        var receipt = inclusion.Receipt;
        var json = TransactionView.FinalJson(inclusion);
        var failed = receipt.Status != ReceiptStatus.Success;
        var failure = new CliFailure(
            ExitCodes.Rejected,
            Display.Kebab(receipt.Status),
            $"the transfer was included in block {inclusion.Header.Height} but failed: {Display.Kebab(receipt.Status)} (the fee of {receipt.FeeCharged} was charged, nothing else moved)");
        if (failed)
        {
            json["error"] = ExitCodes.ErrorObject(failure);
        }

        run.Emit(json, w =>
        {
            TransactionView.WriteSummary(w, signed);
            w.WriteLine($"status: final in block {inclusion.Header.Height} at index {inclusion.Index}; receipt: {Display.Kebab(receipt.Status)}, fee charged {receipt.FeeCharged}");
            w.WriteLine($"inclusion: verified against block {inclusion.Header.Height}'s transactions root");
        });
        if (failed)
        {
            run.Error.WriteLine($"error: {failure.Message}");
            return failure.ExitCode;
        }

        return ExitCodes.Ok;
    }
}
