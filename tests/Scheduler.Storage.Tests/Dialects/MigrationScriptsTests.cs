using Scheduler.Storage.Tests.Support;

namespace Scheduler.Storage.Tests.Dialects;

/// <summary>The two dialects' scripts make the same schema: the stores' SQL is shared, so a column on one must be on the other.</summary>
public class MigrationScriptsTests
{
    [Test]
    public async Task Latest_BothDialects_MakeTheSameTablesWithTheSameColumns()
    {
        using var sqlite = new TestDatabase(DatabaseKind.Sqlite);
        using var postgres = new TestDatabase(DatabaseKind.Postgres);
        await (await sqlite.OpenAsync()).DisposeAsync();
        await (await postgres.OpenAsync()).DisposeAsync();

        // PostgreSQL's own mark table stands for SQLite's header; a column added later may sit elsewhere in the order.
        var tables = (await sqlite.TablesAsync()).ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That((await postgres.TablesAsync()).Order(StringComparer.Ordinal), Is.EqualTo(tables.Append("scheduler_schema").Order(StringComparer.Ordinal)));
            foreach (var table in tables)
            {
                Assert.That((await postgres.ColumnsAsync(table)).Order(StringComparer.Ordinal), Is.EqualTo((await sqlite.ColumnsAsync(table)).Order(StringComparer.Ordinal)), table);
            }
        }
    }
}
