namespace Chain.Tests.Integration;

/// <summary>Where the tests run: CI machines must have every dependency, so a missing one fails there instead of skipping.</summary>
public static class TestEnvironment
{
    /// <summary>True when <c>CI</c> is set to <c>true</c> or <c>1</c> (GitHub Actions, GitLab and most CI systems set it).</summary>
    public static bool IsCi => Environment.GetEnvironmentVariable("CI") is { } ci
        && (ci.Equals("true", StringComparison.OrdinalIgnoreCase) || ci == "1");

    /// <summary>Skips the test with <paramref name="reason"/>, or fails it under CI.</summary>
    public static void SkipOrFail(string reason)
    {
        if (IsCi)
        {
            Assert.Fail($"{reason} (CI=true: required here, so this fails instead of skipping)");
        }

        Assert.Skip(reason);
    }
}
