using System.Net;
using System.Net.Sockets;

namespace Scheduler.Cli.Tests.Support;

/// <summary>Loopback ports for the servers a test starts (a node's HTTP, a sink).</summary>
internal static class Ports
{
    /// <summary>A port nothing listens on now, as the system hands out.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
