using System.Reflection;

namespace Chain.Grains.Hosting;

/// <summary>The software version reported by status calls.</summary>
public static class NodeVersion
{
    public static string Current { get; } =
        typeof(NodeVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
}
