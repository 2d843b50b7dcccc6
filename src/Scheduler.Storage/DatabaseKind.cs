namespace Scheduler.Storage;

/// <summary>Which database engine a <see cref="DatabaseTarget"/> names.</summary>
public enum DatabaseKind
{
    /// <summary>A local file.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server, named by a <c>postgres://</c> URI.</summary>
    Postgres,
}
