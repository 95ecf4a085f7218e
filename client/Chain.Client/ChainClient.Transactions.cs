using System.Diagnostics;
using Chain.GrainInterfaces;
using Chain.Protocol.Crypto;
using Chain.Protocol.Transactions;

namespace Chain.Client;

public sealed partial class ChainClient
{
    /// <summary>One wait call stays well under Orleans' 30 s response timeout; longer waits are several calls.</summary>
    private static readonly TimeSpan WaitSlice = TimeSpan.FromSeconds(20);

    /// <summary>Submits a signed transaction to admission. A refusal is a result (<see cref="SubmitResult.Accepted"/> false), not an exception.</summary>
    public Task<SubmitResult> SubmitAsync(SignedTransaction transaction) => SubmitRawAsync(transaction.Encode());

    /// <summary>Submits bytes exactly as given: malformed, oversized or tampered bytes reach admission unchanged.</summary>
    public Task<SubmitResult> SubmitRawAsync(byte[] rawTransaction)
    {
        ArgumentNullException.ThrowIfNull(rawTransaction);
        return CallAsync(() => Admission.SubmitAsync(rawTransaction));
    }

    /// <summary>
    /// Submits, then waits up to <paramref name="timeout"/> for finality and verifies the inclusion proof.
    /// Throws <see cref="ChainClientErrorKind.Rejected"/> when admission refuses it; when the time runs
    /// out first, returns the outcome with its status still <see cref="TransactionStatus.Pending"/>.
    /// </summary>
    public async Task<TransactionOutcome> SubmitAndWaitAsync(SignedTransaction transaction, TimeSpan timeout, CancellationToken ct = default)
    {
        var result = await SubmitAsync(transaction);
        if (!result.Accepted)
        {
            throw Rejection(result);
        }

        return await WaitForTransactionAsync(transaction.Hash, timeout, ct);
    }

    /// <summary>
    /// Waits up to <paramref name="timeout"/> for a transaction to become final, and a cross-shard transfer to settle (its value
    /// credited at the destination or refunded); a final one is verified.
    /// </summary>
    public async Task<TransactionOutcome> WaitForTransactionAsync(Hash32 transactionHash, TimeSpan timeout, CancellationToken ct = default)
    {
        var hash = transactionHash.ToArray();
        var elapsed = Stopwatch.StartNew();
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var remaining = timeout - elapsed.Elapsed;
            var slice = remaining < WaitSlice ? remaining : WaitSlice;
            var started = elapsed.Elapsed;
            var result = await CallAsync(() => Shard.WaitForTransactionAsync(hash, slice > TimeSpan.Zero ? slice : TimeSpan.Zero));
            var outcome = InclusionVerifier.Verify(transactionHash, result);

            // A node that answers early without finality (an unknown hash) will not change its mind by being asked again at once.
            var answeredEarly = elapsed.Elapsed - started < slice - TimeSpan.FromMilliseconds(100);
            if ((outcome.Status == TransactionStatus.Final && !outcome.InFlight) || elapsed.Elapsed >= timeout || (answeredEarly && !outcome.InFlight))
            {
                return outcome;
            }
        }
    }

    /// <summary>What the node knows of a transaction; when final, its inclusion is verified.</summary>
    public async Task<TransactionOutcome> GetTransactionAsync(Hash32 transactionHash)
    {
        var hash = transactionHash.ToArray();
        var result = await CallAsync(() => Shard.GetTransactionAsync(hash));
        return InclusionVerifier.Verify(transactionHash, result);
    }

    /// <summary>The exception for a refused submission: the node's error code and message, as given.</summary>
    public static ChainClientException Rejection(SubmitResult result)
    {
        var code = (TxErrorCode)result.ErrorCode;
        var name = Enum.IsDefined(code) ? code.ToString() : $"error {result.ErrorCode}";
        return new ChainClientException(code, $"the chain refused the transaction ({name}): {result.Message ?? "no reason given"}");
    }
}
