using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Chain.Protocol.Crypto;
using Chain.Protocol.Transactions;

namespace Chain.Cli;

/// <summary>
/// <c>chain bench finality</c>: time to finality on a running chain, measured the way a user sees it:
/// each transfer is submitted and awaited with the same path as <c>transfer --wait</c> (including the
/// inclusion check), one at a time, and timed from submit to verified finality.
/// </summary>
internal static class BenchCommand
{
    public const string DefaultKey = "chain-data/keys/faucet.json";
    public const int MaxCount = 100_000;

    public static Command Create(CliContext context) =>
        context.Examples(
            new Command("bench", "Measure a running chain.") { Finality(context) },
            "chain bench finality --count 100 --json");

    private static Command Finality(CliContext context)
    {
        var count = new Option<int>("--count", "-n") { Description = $"Transfers to send and time, 1..{MaxCount}.", HelpName = "N", Required = true };
        var key = new Option<string>("--key", "-k")
        {
            Description = $"The sender's key file (default: the devnet faucet, {DefaultKey}).",
            HelpName = "FILE",
            DefaultValueFactory = _ => DefaultKey,
        };
        var timeout = new Option<int>("--timeout")
        {
            Description = $"Seconds to wait for each transfer to be final (default {TransactionOptions.DefaultTimeoutSeconds}).",
            HelpName = "SECONDS",
            DefaultValueFactory = _ => TransactionOptions.DefaultTimeoutSeconds,
        };
        var command = new Command(
            "finality",
            "Send N transfers of 1 unit one at a time to a fresh address, each submitted then awaited as with `transfer --wait`; "
            + "print count, median, p90, p99 and max time from submit to verified finality in ms. Progress goes to stderr.")
        {
            count, key, timeout,
        };
        context.Examples(command, "chain bench finality --count 100", "chain bench finality --count 1000 --key alice.key --json > finality.json");
        command.SetAction(context.Handle(async (run, ct) =>
        {
            var n = run.Get(count);
            if (n is < 1 or > MaxCount)
            {
                throw Inputs.Invalid($"--count must be 1..{MaxCount}");
            }

            var wait = Inputs.Seconds(run.Get(timeout), "--timeout");
            using var sender = Inputs.Key(run.Get(key)!);
            using var recipientKey = KeyPair.Generate();
            var recipient = recipientKey.Address;

            await using var client = await run.ConnectAsync(ct);
            var chainId = (await client.GetStatusAsync()).ChainId;
            var fee = (await client.GetGenesisAsync()).Parameters.MinFee;
            var account = await client.GetBalanceAsync(sender.Address, ct: ct);
            var needed = checked((ulong)n * (1 + fee));
            if (account.Balance < needed)
            {
                throw Inputs.Invalid($"{sender.Address} holds {account.Balance} units; {n} transfers of 1 unit with fee {fee} need {needed}");
            }

            run.Error.WriteLine($"bench finality: {n} transfers of 1 unit, fee {fee}, from {sender.Address} to fresh address {recipient}, one at a time");
            var samples = new List<double>(n);
            var nonce = account.Nonce;
            ulong firstHeight = 0;
            ulong lastHeight = 0;
            for (var i = 0; i < n; i++)
            {
                var signed = new Transaction(chainId, nonce++, sender.PublicKey, fee, new Transfer(recipient, 1)).Sign(sender);
                var clock = Stopwatch.StartNew();
                var inclusion = await TransactionOptions.SubmitAndAwaitFinalAsync(client, signed, wait, ct);
                var ms = clock.Elapsed.TotalMilliseconds;
                if (TransactionOptions.ReceiptFailure(inclusion, $"transfer {i + 1} of the benchmark") is { } failure)
                {
                    return ExitCodes.Report(run.Out, run.Error, run.Json, failure);
                }

                samples.Add(ms);
                firstHeight = i == 0 ? inclusion.Header.Height : firstHeight;
                lastHeight = inclusion.Header.Height;
                run.Error.WriteLine($"  {i + 1}/{n}  {Ms(ms)} ms  (block {inclusion.Header.Height})");
            }

            var summary = LatencySummary.Of(samples);
            var json = new JsonObject
            {
                ["count"] = summary.Count,
                ["medianMs"] = Round(summary.MedianMs),
                ["p90Ms"] = Round(summary.P90Ms),
                ["p99Ms"] = Round(summary.P99Ms),
                ["maxMs"] = Round(summary.MaxMs),
                ["minMs"] = Round(summary.MinMs),
                ["meanMs"] = Round(summary.MeanMs),
                ["from"] = sender.Address.ToString(),
                ["to"] = recipient.ToString(),
                ["firstHeight"] = firstHeight,
                ["lastHeight"] = lastHeight,
                ["samplesMs"] = new JsonArray([.. samples.Select(s => (JsonNode?)Round(s))]),
            };
            run.Emit(json, w =>
            {
                w.WriteLine($"time to finality over {summary.Count} transfers (submit to verified inclusion), blocks {firstHeight}..{lastHeight}:");
                w.WriteLine($"  median {Ms(summary.MedianMs)} ms  p90 {Ms(summary.P90Ms)} ms  p99 {Ms(summary.P99Ms)} ms  max {Ms(summary.MaxMs)} ms");
                w.WriteLine($"  min {Ms(summary.MinMs)} ms  mean {Ms(summary.MeanMs)} ms");
            });
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static double Round(double ms) => Math.Round(ms, 1);

    private static string Ms(double ms) => ms.ToString("0.0", CultureInfo.InvariantCulture);
}
