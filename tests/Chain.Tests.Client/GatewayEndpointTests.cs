using System.Net;
using Chain.Client;

namespace Chain.Tests.Client;

public sealed class GatewayEndpointTests
{
    [Theory]
    [InlineData("localhost:30000", "localhost", 30000)]
    [InlineData("10.1.2.3:4000", "10.1.2.3", 4000)]
    [InlineData("node.example", "node.example", 30000)]
    [InlineData("[::1]:31000", "::1", 31000)]
    [InlineData("::1", "::1", 30000)]
    public void Host_and_port_are_split_with_the_gateway_port_as_default(string gateway, string host, int port)
    {
        Assert.Equal((host, port), GatewayEndpoint.Split(gateway));
    }

    [Theory]
    [InlineData("localhost:0")]
    [InlineData("localhost:70000")]
    [InlineData("localhost:http")]
    [InlineData(":30000")]
    [InlineData("[::1")]
    public void A_malformed_gateway_is_invalid_input(string gateway)
    {
        var e = Assert.Throws<ChainClientException>(() => GatewayEndpoint.Split(gateway));

        Assert.Equal(ChainClientErrorKind.InvalidInput, e.Kind);
    }

    [Fact]
    public async Task Localhost_resolves_to_the_ipv4_loopback_where_the_devnet_silo_listens()
    {
        var endpoint = await GatewayEndpoint.ResolveAsync("localhost:30001", TestContext.Current.CancellationToken);

        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 30001), endpoint);
    }
}
