namespace Chain.Tests.EndToEnd;

/// <summary>A test class's own silo data directory under the temp folder, deleted after its tests.</summary>
public abstract class TempDataDirectory(string prefix) : IAsyncLifetime
{
    protected string DataDir { get; } = Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        if (Directory.Exists(DataDir))
        {
            Directory.Delete(DataDir, recursive: true);
        }

        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
