using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Chain.Client;
using Chain.Protocol.Blocks;
using Chain.Protocol.Crypto;
using Chain.Protocol.Files;
using Chain.Protocol.Proofs;
using Chain.Protocol.Transactions;
using Spectre.Console;

namespace Chain.Bench;

/// <summary>
/// The devnet half of <c>contracts</c>: deploys the token example, gives every sender native units for fees and
/// tokens (untimed), then submits pre-signed token transfers (sender i pays sender i+1) in batches and follows
/// final blocks. Every transfer must be final with a success receipt and the senders' token balances must still
/// sum to what they were given before the rate is reported.
/// </summary>
internal sealed class ContractDevnetRun(IReadOnlyList<ChainClient> clients, string chainId, ulong minFee, ulong gasLimit)
{
    public sealed record Result(int Transfers, int Senders, double Seconds, double FinalizedTps, int Blocks, ulong FirstHeight, ulong LastHeight, ulong MeanGas);

    private ulong Fee => minFee + ContractLimits.GasFee(gasLimit);

    public async Task<Result> RunAsync(string faucetKey, int transfers, int perSender, int batch)
    {
        using var faucet = KeyFile.Read(faucetKey);
        var senderCount = (transfers + perSender - 1) / perSender;
        var senders = Enumerable.Range(0, senderCount).Select(_ => KeyPair.Generate()).ToArray();
        var client = clients[0];
        var tokenPerSender = (ulong)perSender;
        Address token = default;
        await AnsiConsole.Progress().AutoClear(false).StartAsync(async progress =>
        {
            var native = progress.AddTask($"fees for {senderCount} senders", maxValue: senderCount);
            await new Funding(clients, chainId, minFee, n => native.Increment(n)).FundAsync(faucet, [.. senders.Select(k => k.Address)], checked((ulong)perSender * Fee));
            var nonce = (await client.GetBalanceAsync(faucet.Address)).Nonce;
            var supply = checked(tokenPerSender * (ulong)senderCount);
            var deploy = Sign(faucet, nonce, new Deploy(ContractHostTiming.Example("token"), Encoding.UTF8.GetBytes($$"""{"name":"Bench","symbol":"B","supply":"{{supply}}"}"""), null, 20_000_000), minFee + ContractLimits.GasFee(20_000_000));
            await SubmitAndConfirmAsync(client, [deploy]);
            token = ContractRecord.DeriveAddress(faucet.Address, nonce);
            var tokens = progress.AddTask($"tokens for {senderCount} senders", maxValue: senderCount);
            foreach (var round in senders.Chunk(Funding.PerRound))
            {
                var calls = round.Select(s => Sign(faucet, ++nonce, Transfer(token, s.Address, tokenPerSender), Fee)).ToArray();
                await SubmitAndConfirmAsync(client, calls);
                tokens.Increment(round.Length);
            }
        });

        var signed = new SignedTransaction[transfers];
        Parallel.For(0, transfers, j =>
        {
            var (sender, nonce) = (j % senderCount, (ulong)(j / senderCount));
            signed[j] = Sign(senders[sender], nonce, Transfer(token, senders[(sender + 1) % senderCount].Address, 1), Fee);
        });
        var startHeight = (await client.GetStatusAsync()).Height;
        var clock = new Stopwatch();
        var submitted = new double[transfers];
        var watcher = new FinalityWatcher(client, clock, signed.Select(t => t.Hash).ToHashSet(), startHeight);
        await AnsiConsole.Progress().AutoClear(false).StartAsync(async progress =>
        {
            var sent = progress.AddTask("submit token transfers", maxValue: transfers);
            var final = progress.AddTask("final", maxValue: transfers);
            clock.Start();
            var watching = watcher.RunAsync(n => final.Increment(n), TimeSpan.FromSeconds(120 + (transfers / 20)));
            var batches = Enumerable.Range(0, (transfers + batch - 1) / batch).ToArray();
            await Task.WhenAll(Enumerable.Range(0, clients.Count).Select(c => Task.Run(async () =>
            {
                foreach (var b in batches.Where(b => b % clients.Count == c))
                {
                    var first = b * batch;
                    var count = Math.Min(batch, transfers - first);
                    var at = clock.Elapsed.TotalSeconds;
                    var results = await clients[c].SubmitBatchRawAsync([.. signed.Skip(first).Take(count).Select(t => t.Encode())]);
                    if (results.FirstOrDefault(r => !r.Accepted) is { } refused)
                    {
                        throw new InvalidOperationException($"a benchmark token transfer was refused: {ChainClient.Rejection(refused).Message}");
                    }

                    Array.Fill(submitted, at, first, count);
                    sent.Increment(count);
                }
            })));
            await watching;
        });

        if (watcher.Failed.Count > 0)
        {
            throw new InvalidOperationException($"{watcher.Failed.Count} token transfers failed, e.g. {watcher.Failed[0].Hash}: {watcher.Failed[0].Status}");
        }

        var window = watcher.Final.Values.Max(f => f.SeenSeconds) - submitted.Min();
        var total = await TokenSumAsync(token, senders);
        if (total != tokenPerSender * (ulong)senderCount)
        {
            throw new InvalidOperationException($"the senders hold {total} tokens after the run; they were given {tokenPerSender * (ulong)senderCount}");
        }

        var sample = await client.GetTransactionAsync(signed[^1].Hash);
        var meanGas = sample.Inclusion?.Receipt.Contract?.GasUsed ?? 0;
        foreach (var key in senders)
        {
            key.Dispose();
        }

        return new Result(transfers, senderCount, window, transfers / window, watcher.Blocks, startHeight + 1, watcher.LastHeight, meanGas);
    }

    private static Call Transfer(Address token, Address to, ulong amount) =>
        new(token, "transfer", Encoding.UTF8.GetBytes($$"""{"to":"{{to}}","amount":"{{amount.ToString(CultureInfo.InvariantCulture)}}"}"""), 0, 0);

    private SignedTransaction Sign(KeyPair key, ulong nonce, TransactionPayload payload, ulong fee)
    {
        payload = payload is Call call && call.GasLimit == 0 ? call with { GasLimit = gasLimit } : payload;
        return new Transaction(chainId, nonce, key.PublicKey, fee, payload).Sign(key);
    }

    private static async Task SubmitAndConfirmAsync(ChainClient client, SignedTransaction[] signed)
    {
        var results = await client.SubmitBatchRawAsync([.. signed.Select(s => s.Encode())]);
        if (results.FirstOrDefault(r => !r.Accepted) is { } refused)
        {
            throw new InvalidOperationException($"setup transaction refused: {ChainClient.Rejection(refused).Message}");
        }

        foreach (var tx in signed)
        {
            var outcome = await client.WaitForTransactionAsync(tx.Hash, TimeSpan.FromMinutes(2));
            if (outcome.Inclusion is not { Receipt.Status: ReceiptStatus.Success })
            {
                throw new InvalidOperationException($"setup transaction {tx.Hash} is {outcome.Status}, receipt {outcome.Inclusion?.Receipt.Status}");
            }
        }
    }

    private async Task<ulong> TokenSumAsync(Address token, KeyPair[] holders)
    {
        ulong sum = 0;
        foreach (var holder in holders)
        {
            var answer = await clients[0].QueryContractAsync(token, "balance_of", Encoding.UTF8.GetBytes($$"""{"owner":"{{holder.Address}}"}"""));
            var balance = JsonDocument.Parse(answer.ReturnData).RootElement.GetProperty("balance").GetString()!;
            sum = checked(sum + ulong.Parse(balance, CultureInfo.InvariantCulture));
        }

        return sum;
    }
}
