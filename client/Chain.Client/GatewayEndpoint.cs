using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Chain.GrainInterfaces;

namespace Chain.Client;

/// <summary>Turns <c>HOST[:PORT]</c> into the endpoint the Orleans client dials. "localhost" is 127.0.0.1, where the devnet silo listens.</summary>
public static class GatewayEndpoint
{
    public static async Task<IPEndPoint> ResolveAsync(string gateway, CancellationToken ct = default)
    {
        var (host, port) = Split(gateway);
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return new IPEndPoint(IPAddress.Loopback, port);
        }

        if (IPAddress.TryParse(host, out var address))
        {
            return new IPEndPoint(address, port);
        }

        IPAddress[] addresses;
        try
        {
            addresses = await Dns.GetHostAddressesAsync(host, ct);
        }
        catch (SocketException e)
        {
            throw new ChainClientException(ChainClientErrorKind.Unreachable, $"cannot resolve gateway host '{host}': {e.Message}", e);
        }

        var chosen = addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault();
        return chosen is null
            ? throw new ChainClientException(ChainClientErrorKind.Unreachable, $"gateway host '{host}' has no address")
            : new IPEndPoint(chosen, port);
    }

    /// <summary>Splits <c>host</c>, <c>host:port</c> or <c>[ipv6]:port</c>; the port defaults to <see cref="ClusterDefaults.GatewayPort"/>.</summary>
    public static (string Host, int Port) Split(string gateway)
    {
        var text = gateway?.Trim() ?? string.Empty;
        string host;
        string? port = null;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                throw Invalid(gateway);
            }

            host = text[1..close];
            var rest = text[(close + 1)..];
            if (rest.Length > 0)
            {
                port = rest.StartsWith(':') ? rest[1..] : throw Invalid(gateway);
            }
        }
        else
        {
            var colon = text.LastIndexOf(':');
            if (colon >= 0 && text.IndexOf(':', StringComparison.Ordinal) != colon)
            {
                host = text; // a bare IPv6 address
            }
            else if (colon >= 0)
            {
                host = text[..colon];
                port = text[(colon + 1)..];
            }
            else
            {
                host = text;
            }
        }

        if (host.Length == 0)
        {
            throw Invalid(gateway);
        }

        if (port is null)
        {
            return (host, ClusterDefaults.GatewayPort);
        }

        return int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is > 0 and <= 65535
            ? (host, number)
            : throw Invalid(gateway);
    }

    private static ChainClientException Invalid(string? gateway) =>
        new(ChainClientErrorKind.InvalidInput, $"gateway '{gateway}' is not HOST:PORT (for example localhost:{ClusterDefaults.GatewayPort})");
}
