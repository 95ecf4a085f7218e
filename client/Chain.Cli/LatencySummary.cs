namespace Chain.Cli;

/// <summary>
/// Latency samples in milliseconds, summarized: the median (the mean of the two middle samples for an even
/// count) and nearest-rank percentiles (p90 is the smallest sample with at least 90% of samples at or below it).
/// </summary>
internal sealed record LatencySummary(int Count, double MinMs, double MeanMs, double MedianMs, double P90Ms, double P99Ms, double MaxMs)
{
    public static LatencySummary Of(IReadOnlyCollection<double> samplesMs)
    {
        if (samplesMs.Count == 0)
        {
            throw new ArgumentException("no samples to summarize", nameof(samplesMs));
        }

        var sorted = samplesMs.Order().ToArray();
        var n = sorted.Length;
        var median = n % 2 == 1 ? sorted[n / 2] : (sorted[(n / 2) - 1] + sorted[n / 2]) / 2;
        return new LatencySummary(n, sorted[0], sorted.Average(), median, NearestRank(sorted, 90), NearestRank(sorted, 99), sorted[^1]);
    }

    private static double NearestRank(double[] sorted, int percent)
    {
        var rank = (int)Math.Ceiling(percent / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }
}
