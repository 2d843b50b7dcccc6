using System.Collections.Immutable;
using System.Globalization;

namespace Scheduler.Storage.Dialects;

/// <summary>
/// One dialect's schema as numbered <c>.sql</c> files embedded in this assembly
/// (<c>Migrations/sqlite/0001_initial.sql</c>, <c>Migrations/postgres/0001_initial.sql</c>, ...).
/// Both dialects have the same versions, each making the same tables.
/// </summary>
internal sealed class MigrationScripts
{
    private MigrationScripts(ImmutableArray<(int Version, string Sql)> all)
    {
        All = all;
    }

    public ImmutableArray<(int Version, string Sql)> All { get; }

    public int Latest => All.IsEmpty ? 0 : All[^1].Version;

    /// <summary>The migrations newer than <paramref name="current"/>, up to <paramref name="upTo"/>, oldest first.</summary>
    public IEnumerable<(int Version, string Sql)> After(int current, int upTo = int.MaxValue)
        => All.Where(m => m.Version > current && m.Version <= upTo);

    /// <param name="folder">The folder under <c>Migrations</c>: <c>sqlite</c> or <c>postgres</c>.</param>
    public static MigrationScripts Load(string folder)
    {
        var assembly = typeof(MigrationScripts).Assembly;
        var prefix = $".Migrations.{folder}.";
        return new MigrationScripts([.. assembly.GetManifestResourceNames()
            .Where(name => name.EndsWith(".sql", StringComparison.Ordinal) && name.Contains(prefix, StringComparison.Ordinal))
            .Select(name =>
            {
                var file = name[(name.LastIndexOf(prefix, StringComparison.Ordinal) + prefix.Length)..];
                using var stream = assembly.GetManifestResourceStream(name)!;
                using var reader = new StreamReader(stream);
                return (Version: int.Parse(file.AsSpan(0, 4), CultureInfo.InvariantCulture), Sql: reader.ReadToEnd());
            })
            .OrderBy(m => m.Version)]);
    }
}
