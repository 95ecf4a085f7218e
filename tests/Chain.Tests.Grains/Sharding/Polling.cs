namespace Chain.Tests.Grains.Sharding;

internal static class Polling
{
    /// <summary>Asks until <paramref name="probe"/> returns a value, every 20 ms; fails with <paramref name="what"/> after <paramref name="deadline"/>.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T?>> probe, TimeSpan deadline, string what)
        where T : class
    {
        using var cts = new CancellationTokenSource(deadline);
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            if (cts.IsCancellationRequested)
            {
                Assert.Fail($"not within {deadline}: {what}");
            }

            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}
