using Chain.Tests.EndToEnd;

namespace Chain.Tests.Integration;

/// <summary>Stops a test's silo processes and removes its directory; after a failed test, first keeps the silos' logs.</summary>
internal static class ClusterTeardown
{
    public static async ValueTask RunAsync(IReadOnlyList<SiloProcess> silos, string root, string logsName)
    {
        if (TestContext.Current.TestState?.Result is TestResult.Failed)
        {
            // The silos' own logs are what explains a failure here: keep them next to the test output.
            var logs = Path.Combine(Path.GetTempPath(), logsName);
            Directory.CreateDirectory(logs);
            for (var i = 0; i < silos.Count; i++)
            {
                await File.WriteAllTextAsync(Path.Combine(logs, $"silo-{i}.log"), silos[i].Output);
            }

            TestContext.Current.SendDiagnosticMessage($"silo logs: {logs}");
        }

        foreach (var silo in silos)
        {
            await silo.DisposeAsync();
        }

        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
