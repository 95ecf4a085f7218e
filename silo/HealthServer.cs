using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Chain.Silo;

/// <summary>
/// HTTP probes for orchestrators: <c>/health/live</c> answers while the process serves requests and the silo
/// is not dead; <c>/health/ready</c> once the silo has started (shard and validators up) and is an active
/// cluster member. Plain text, no data.
/// </summary>
public sealed class HealthServer(int port, IServiceProvider silo) : IAsyncDisposable
{
    private WebApplication? _app;
    private volatile bool _started;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.ListenAnyIP(port));
        _app = builder.Build();
        _app.MapGet("/health/live", () => Status() is SiloStatus.Dead or SiloStatus.ShuttingDown or SiloStatus.Stopping
            ? Results.Text("stopping", statusCode: StatusCodes.Status503ServiceUnavailable)
            : Results.Text("live"));
        _app.MapGet("/health/ready", () => _started && Status() == SiloStatus.Active
            ? Results.Text("ready")
            : Results.Text("not ready", statusCode: StatusCodes.Status503ServiceUnavailable));
        _app.MapGet("/health", () => Results.Redirect("/health/ready"));
        await _app.StartAsync(cancellationToken);
    }

    public void MarkStarted() => _started = true;

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private SiloStatus Status() => silo.GetService<ISiloStatusOracle>()?.CurrentStatus ?? SiloStatus.None;
}
