using System.Diagnostics;
using Chain.GrainInterfaces;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Runtime.Messaging;

namespace Chain.Client;

/// <summary>
/// A connection to a Chain node through its Orleans gateway. Everything hashed or signed arrives as
/// canonical bytes and is decoded and checked here: a final transaction's inclusion, a block's body,
/// and, on request, an account's state proof against a certified header.
/// Thread-safe; dispose it to close the connection.
/// </summary>
public sealed partial class ChainClient : IAsyncDisposable, IDisposable
{
    /// <summary>How long <see cref="ConnectAsync"/> keeps retrying an unreachable gateway before it gives up.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(4);

    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    private readonly IHost? _host;
    private int _disposed;

    private ChainClient(IHost? host, IShardGrain shard, IAdmissionGrain admission, string gateway, Func<string, IContractGrain>? contracts = null)
    {
        _host = host;
        Shard = shard;
        Admission = admission;
        Gateway = gateway;
        Contracts = contracts ?? (_ => throw new NotSupportedException("this client has no contract grains"));
    }

    /// <summary>The gateway this client was connected to, as given.</summary>
    public string Gateway { get; }

    private IAdmissionGrain Admission { get; }

    private IShardGrain Shard { get; }

    /// <summary>The contract grain for an address's Bech32m text.</summary>
    private Func<string, IContractGrain> Contracts { get; }

    /// <summary>
    /// A client over grain references it does not own (no connection to open or close): for tests that
    /// answer as a node would, with hand-built results, and for code already inside a cluster.
    /// </summary>
    internal static ChainClient Over(IShardGrain shard, IAdmissionGrain admission, string gateway, Func<string, IContractGrain>? contracts = null) =>
        new(null, shard, admission, gateway, contracts);

    /// <summary>
    /// Connects to the gateway at <paramref name="gateway"/> (<c>HOST:PORT</c>). Gives up after about
    /// <see cref="ConnectTimeout"/> with <see cref="ChainClientErrorKind.Unreachable"/> when nothing answers there.
    /// </summary>
    public static async Task<ChainClient> ConnectAsync(string gateway = "localhost:30000", CancellationToken ct = default)
    {
        var endpoint = await GatewayEndpoint.ResolveAsync(gateway, ct);
        var elapsed = Stopwatch.StartNew();
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client => client
            .UseStaticClustering(endpoint)
            .Configure<ClusterOptions>(o =>
            {
                o.ClusterId = ClusterDefaults.ClusterId;
                o.ServiceId = ClusterDefaults.ServiceId;
            })
            .Configure<ConnectionOptions>(o => o.OpenConnectionTimeout = ConnectTimeout)
            .UseConnectionRetryFilter(async (_, token) =>
            {
                // Without a filter the first failure is final; with an unbounded one a client waits forever.
                if (elapsed.Elapsed + RetryDelay >= ConnectTimeout)
                {
                    return false;
                }

                await Task.Delay(RetryDelay, token);
                return true;
            }));

        var host = builder.Build();
        using var startTimeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        startTimeout.CancelAfter(ConnectTimeout * 2);
        try
        {
            await host.StartAsync(startTimeout.Token);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            await StopAsync(host);
            throw new ChainClientException(
                ChainClientErrorKind.Unreachable,
                $"cannot reach a chain node at {gateway} ({endpoint}) after {elapsed.Elapsed.TotalSeconds:0.0}s: {e.Message.TrimEnd('.')}. "
                + "Is the silo running? Start it with `dotnet run --project silo`, or connect to another gateway.",
                e);
        }
        catch
        {
            await StopAsync(host);
            throw;
        }

        var cluster = host.Services.GetRequiredService<IClusterClient>();
        return new ChainClient(host, cluster.GetGrain<IShardGrain>(ClusterDefaults.ShardZero), cluster.GetGrain<IAdmissionGrain>(0), gateway, key => cluster.GetGrain<IContractGrain>(key));
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0 && _host is not null)
        {
            await StopAsync(_host);
        }
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private static async Task StopAsync(IHost host)
    {
        using var timeout = new CancellationTokenSource(StopTimeout);
        try
        {
            await host.StopAsync(timeout.Token);
        }
        catch (Exception)
        {
            // Stopping a client whose gateway is gone fails in many ways; none matters once we are closing.
        }

        if (host is IAsyncDisposable asyncDisposable)
        {
            await asyncDisposable.DisposeAsync();
        }
        else
        {
            host.Dispose();
        }
    }

    /// <summary>Runs a grain call, turning a lost or refused connection into <see cref="ChainClientErrorKind.Unreachable"/>.</summary>
    private async Task<T> CallAsync<T>(Func<Task<T>> call)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        try
        {
            return await call();
        }
        catch (Exception e) when (e is OrleansMessageRejectionException or ConnectionFailedException or TimeoutException or ClientNotAvailableException)
        {
            throw new ChainClientException(
                ChainClientErrorKind.Unreachable,
                $"lost the connection to the chain node at {Gateway}: {e.Message.TrimEnd('.')}. Is the silo still running?",
                e);
        }
    }
}
