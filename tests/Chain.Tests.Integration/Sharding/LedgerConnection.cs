using System.Net;
using Chain.GrainInterfaces;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace Chain.Tests.Integration.Sharding;

/// <summary>
/// A plain Orleans client on several silos' gateways, for what the CLI does not show (a transfer's cross-shard legs, blocks'
/// receipts): it keeps working when one of those silos dies. Calls time out after 10 s, so a call to a dead activation fails
/// fast enough to be retried.
/// </summary>
internal sealed class LedgerConnection : IAsyncDisposable
{
    private readonly IHost _host;

    private LedgerConnection(IHost host)
    {
        _host = host;
        var client = host.Services.GetRequiredService<IClusterClient>();
        Ledger = client.GetGrain<IShardGrain>(ClusterDefaults.ShardZero);
        Admission = client.GetGrain<IAdmissionGrain>(0);
    }

    public IShardGrain Ledger { get; }

    public IAdmissionGrain Admission { get; }

    public static async Task<LedgerConnection> ConnectAsync(params int[] gatewayPorts)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client => client
            .UseStaticClustering([.. gatewayPorts.Select(p => new IPEndPoint(IPAddress.Loopback, p))])
            .Configure<ClusterOptions>(o =>
            {
                o.ClusterId = ClusterDefaults.ClusterId;
                o.ServiceId = ClusterDefaults.ServiceId;
            })
            .Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(10)));
        var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        return new LedgerConnection(host);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _host.StopAsync(timeout.Token);
        }
        catch (Exception)
        {
            // A gateway already gone makes stopping fail; nothing is left to clean up but the host.
        }

        _host.Dispose();
    }
}
