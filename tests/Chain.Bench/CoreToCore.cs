using System.Diagnostics;

namespace Chain.Bench;

/// <summary>
/// How long two threads take to hand a cache line back and forth: one writes an odd number, the other answers with the next
/// even one, and so on. On the 2-core benchmark VMs it is bimodal, about 110 ns or about 380 ns per round trip, and it changes
/// on its own from minute to minute (where the host runs the two virtual cores); the parallel executors pass data between
/// cores for every few transactions, so their speedup follows it. <c>exec</c> reports it before and after each level.
/// </summary>
internal static class CoreToCore
{
    private const int RoundTrips = 200_000;
    private const int Middle = 16;

    /// <summary>
    /// Nanoseconds per round trip between the caller and a dedicated thread, after an untimed pass (the first pass of a process
    /// also times the thread's start and the loops' compilation); null on a single core (nothing to hand over).
    /// </summary>
    public static double? RoundTripNanoseconds()
    {
        if (Environment.ProcessorCount < 2)
        {
            return null;
        }

        _ = Measure(RoundTrips / 10);
        return Measure(RoundTrips);
    }

    private static double Measure(int roundTrips)
    {

        // The counter in the middle of 256 bytes: no other object shares its cache line.
        var line = new long[32];
        var other = new Thread(() =>
        {
            for (long i = 1; i <= roundTrips; i++)
            {
                while (Volatile.Read(ref line[Middle]) != (2 * i) - 1)
                {
                }

                Volatile.Write(ref line[Middle], 2 * i);
            }
        })
        { IsBackground = true, Name = "core-to-core probe" };
        other.Start();
        var clock = Stopwatch.StartNew();
        for (long i = 1; i <= roundTrips; i++)
        {
            Volatile.Write(ref line[Middle], (2 * i) - 1);
            while (Volatile.Read(ref line[Middle]) != 2 * i)
            {
            }
        }

        var elapsed = clock.Elapsed;
        other.Join();
        return elapsed.TotalNanoseconds / roundTrips;
    }

}
