using System.Diagnostics;
using Chain.Protocol.Transactions;

namespace Chain.Bench;

/// <summary>The machine's raw Ed25519 verification rate on all cores: <c>HasValidSignature</c> over pre-signed transactions.</summary>
internal static class SignatureRate
{
    /// <summary>Verifications per second, over passes of all <paramref name="signed"/> until at least a second has gone by.</summary>
    public static double Measure(IReadOnlyList<SignedTransaction> signed)
    {
        Pass(signed, Math.Min(signed.Count, 1_000));
        var clock = Stopwatch.StartNew();
        long verified = 0;
        do
        {
            verified += Pass(signed, signed.Count);
        }
        while (clock.Elapsed < TimeSpan.FromSeconds(1));
        return verified / clock.Elapsed.TotalSeconds;
    }

    private static int Pass(IReadOnlyList<SignedTransaction> signed, int count)
    {
        var bad = 0;
        Parallel.For(0, count, i =>
        {
            if (!signed[i].HasValidSignature())
            {
                Interlocked.Increment(ref bad);
            }
        });
        return bad == 0 ? count : throw new InvalidOperationException($"{bad} pre-signed transactions failed verification");
    }
}
