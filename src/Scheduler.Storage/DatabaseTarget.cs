using System.Globalization;
using System.Text;

namespace Scheduler.Storage;

/// <summary>
/// The database that <c>--db</c> or <c>SCHEDULER_DB</c> names: a <c>postgres://</c> or
/// <c>postgresql://</c> URI (<c>postgres://user:password@host:port/database</c>) is a PostgreSQL
/// database, anything else the path of an SQLite file. The password is kept for connecting and
/// never shown: <see cref="Display"/> and <see cref="ToString"/> leave it out.
/// </summary>
public sealed class DatabaseTarget
{
    public const int DefaultPostgresPort = 5432;

    private DatabaseTarget(DatabaseKind kind, string display)
    {
        Kind = kind;
        Display = display;
    }

    public DatabaseKind Kind { get; }

    /// <summary>What messages name the database by: the full path of a file, or the URI without its password.</summary>
    public string Display { get; }

    /// <summary>The full path of the SQLite file; null for PostgreSQL.</summary>
    public string? FilePath { get; private init; }

    public string? Host { get; private init; }

    public int Port { get; private init; }

    public string? Database { get; private init; }

    public string? User { get; private init; }

    /// <summary>For connecting only; never part of a message.</summary>
    internal string? Password { get; private init; }

    /// <summary>The SQLite file at <paramref name="path"/>, made a full path.</summary>
    public static DatabaseTarget File(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        return new DatabaseTarget(DatabaseKind.Sqlite, full) { FilePath = full };
    }

    /// <summary>Reads what the user gave <c>--db</c> or <c>SCHEDULER_DB</c>.</summary>
    /// <exception cref="StorageException">A PostgreSQL URI that is malformed; the message says what is wrong, without the password.</exception>
    public static DatabaseTarget Parse(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var scheme = text.IndexOf("://", StringComparison.Ordinal) is var at and > 0 ? text[..at] : null;
        return scheme is not null && (scheme.Equals("postgres", StringComparison.OrdinalIgnoreCase) || scheme.Equals("postgresql", StringComparison.OrdinalIgnoreCase))
            ? ParsePostgres(text, scheme.Length + 3)
            : File(text);
    }

    /// <summary>
    /// A PostgreSQL target's Npgsql connection string, for this product's stores and for Quartz's
    /// clustered store in the same database. It holds the password: never print it.
    /// </summary>
    public string PostgresConnectionString(string applicationName)
    {
        if (Kind != DatabaseKind.Postgres)
        {
            throw new InvalidOperationException($"'{Display}' is not a PostgreSQL database.");
        }

        return new Npgsql.NpgsqlConnectionStringBuilder
        {
            Host = Host,
            Port = Port,
            Database = Database,
            Username = User,
            Password = Password,
            ApplicationName = applicationName,
        }.ToString();
    }

    public override string ToString() => Display;

    // scheme://user[:password]@host[:port]/database, each part percent-encoded.
    private static DatabaseTarget ParsePostgres(string text, int authorityStart)
    {
        var shown = Redact(text, authorityStart);
        StorageException Malformed(string what)
            => new($"The database URI '{shown}' {what}; the form is postgres://user:password@host:port/database.");

        if (text.IndexOfAny(['?', '#'], authorityStart) >= 0)
        {
            throw Malformed("has query parameters or a fragment, which Scheduler does not take");
        }

        var slash = text.IndexOf('/', authorityStart);
        var authority = slash < 0 ? text[authorityStart..] : text[authorityStart..slash];
        var path = slash < 0 ? "" : text[(slash + 1)..];
        var userAt = authority.LastIndexOf('@');
        if (userAt < 0)
        {
            throw Malformed("names no user");
        }

        var userInfo = authority[..userAt];
        var hostPort = authority[(userAt + 1)..];
        var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
        var user = Decode(colon < 0 ? userInfo : userInfo[..colon], "user", Malformed);
        var password = colon < 0 ? null : Decode(userInfo[(colon + 1)..], "password", Malformed);
        if (user.Length == 0)
        {
            throw Malformed("names no user");
        }

        var (host, port) = SplitHostPort(hostPort, Malformed);
        var database = Decode(path, "database", Malformed);
        if (database.Length == 0)
        {
            throw Malformed("names no database");
        }

        if (database.Contains('/', StringComparison.Ordinal))
        {
            throw Malformed($"has a database name with a '/' in it ('{database}')");
        }

        var display = string.Create(CultureInfo.InvariantCulture, $"postgres://{Uri.EscapeDataString(user)}@{(host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host)}:{port}/{Uri.EscapeDataString(database)}");
        return new DatabaseTarget(DatabaseKind.Postgres, display)
        {
            Host = host,
            Port = port,
            Database = database,
            User = user,
            Password = password,
        };
    }

    private static (string Host, int Port) SplitHostPort(string hostPort, Func<string, StorageException> malformed)
    {
        string host, port;
        if (hostPort.StartsWith('['))
        {
            // An IPv6 address: [::1]:5432.
            var close = hostPort.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                throw malformed("has an IPv6 host without its closing ']'");
            }

            host = hostPort[1..close];
            var rest = hostPort[(close + 1)..];
            if (rest.Length > 0 && rest[0] != ':')
            {
                throw malformed($"has '{rest}' after its IPv6 host");
            }

            port = rest.Length == 0 ? "" : rest[1..];
        }
        else
        {
            var colon = hostPort.LastIndexOf(':');
            host = colon < 0 ? hostPort : hostPort[..colon];
            port = colon < 0 ? "" : hostPort[(colon + 1)..];
        }

        if (host.Length == 0)
        {
            throw malformed("names no host");
        }

        if (port.Length == 0)
        {
            return (host, DefaultPostgresPort);
        }

        return int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is >= 1 and <= 65535
            ? (host, number)
            : throw malformed($"has port '{port}', which is not a number from 1 to 65535");
    }

    private static string Decode(string part, string what, Func<string, StorageException> malformed)
    {
        for (var i = 0; i < part.Length; i++)
        {
            if (part[i] == '%' && (i + 2 >= part.Length || !Uri.IsHexDigit(part[i + 1]) || !Uri.IsHexDigit(part[i + 2])))
            {
                throw malformed($"has a '%' in its {what} that is not followed by two hexadecimal digits");
            }
        }

        try
        {
            return Uri.UnescapeDataString(part);
        }
        catch (UriFormatException)
        {
            throw malformed($"has a {what} that is not valid percent-encoded UTF-8");
        }
    }

    /// <summary>The URI with its password, if any, replaced by <c>***</c>: safe to print.</summary>
    private static string Redact(string text, int authorityStart)
    {
        var end = text.IndexOfAny(['/', '?', '#'], authorityStart);
        var authority = end < 0 ? text[authorityStart..] : text[authorityStart..end];
        var userAt = authority.LastIndexOf('@');
        var colon = userAt < 0 ? -1 : authority.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || colon > userAt)
        {
            return text;
        }

        return new StringBuilder(text)
            .Remove(authorityStart + colon + 1, userAt - colon - 1)
            .Insert(authorityStart + colon + 1, "***")
            .ToString();
    }
}
