using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Scheduler.Storage.Tests.Support;

/// <summary>
/// A throw-away PostgreSQL server for tests: a new cluster in a temporary folder, started on a free
/// loopback port and removed on <see cref="Dispose"/>. The server refuses to run as root, so as
/// root it runs as the <c>postgres</c> user that Debian's package creates.
/// </summary>
internal sealed class PostgresServer : IDisposable
{
    private readonly string _binaries;
    private readonly string _folder;
    private readonly string _options;
    private int _databases;

    private PostgresServer(string binaries, string folder, int port, string options)
    {
        _binaries = binaries;
        _folder = folder;
        _options = options;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The temporary folder holding the cluster, its socket and its log.</summary>
    public string Folder => _folder;

    private static bool IsRoot => Environment.UserName == "root";

    /// <summary>Initializes and starts a server; fails with the server's own words when it cannot.</summary>
    public static PostgresServer Start()
    {
        var binaries = FindBinaries();
        var folder = Directory.CreateTempSubdirectory("scheduler-pg-").FullName;
        if (IsRoot)
        {
            Run("chown", ["-R", "postgres:postgres", folder]);
        }

        var data = Path.Combine(folder, "data");
        AsServerUser(Path.Combine(binaries, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"]);
        var port = FreePort();
        var options = string.Create(CultureInfo.InvariantCulture, $"-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={folder} -c fsync=off -c max_connections=200");
        var server = new PostgresServer(binaries, folder, port, options);
        server.StartAgain();
        return server;
    }

    /// <summary>Stops the server as an operator would (<c>pg_ctl stop -m fast</c>): connections are ended with 57P01.</summary>
    public void Stop() => AsServerUser(Path.Combine(_binaries, "pg_ctl"), ["-D", Path.Combine(_folder, "data"), "-m", "fast", "-w", "stop"]);

    /// <summary>Starts the server on its port again after <see cref="Stop"/>.</summary>
    public void StartAgain()
        => AsServerUser(Path.Combine(_binaries, "pg_ctl"), ["-D", Path.Combine(_folder, "data"), "-o", _options, "-l", Path.Combine(_folder, "server.log"), "-w", "-t", "60", "start"]);

    /// <summary>A new, empty database on this server; returns its name.</summary>
    public string CreateDatabase()
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"test_{Interlocked.Increment(ref _databases)}");
        using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        connection.Open();
        using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        command.ExecuteNonQuery();
        return name;
    }

    public string ConnectionString(string database)
        => string.Create(CultureInfo.InvariantCulture, $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=false");

    /// <summary>The form a user gives <c>--db</c>.</summary>
    public string Uri(string database) => string.Create(CultureInfo.InvariantCulture, $"postgres://postgres@127.0.0.1:{Port}/{database}");

    public void Dispose()
    {
        try
        {
            AsServerUser(Path.Combine(_binaries, "pg_ctl"), ["-D", Path.Combine(_folder, "data"), "-m", "immediate", "-w", "stop"]);
        }
        finally
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    // Debian installs the server under /usr/lib/postgresql/VERSION/bin, off the PATH; the newest wins.
    private static string FindBinaries()
    {
        const string Root = "/usr/lib/postgresql";
        var found = Directory.Exists(Root)
            ? Directory.EnumerateDirectories(Root)
                .Select(d => Path.Combine(d, "bin"))
                .Where(b => File.Exists(Path.Combine(b, "initdb")))
                .OrderByDescending(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        return found ?? throw new InvalidOperationException("No PostgreSQL server under /usr/lib/postgresql: .ci/setup installs Debian's postgresql package.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void AsServerUser(string program, IReadOnlyList<string> arguments)
    {
        if (IsRoot)
        {
            Run("runuser", ["-u", "postgres", "--", program, .. arguments]);
        }
        else
        {
            Run(program, arguments);
        }
    }

    private static void Run(string program, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/" };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{output.Result}{error.Result}");
        }
    }
}
