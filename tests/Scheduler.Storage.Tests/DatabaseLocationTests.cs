namespace Scheduler.Storage.Tests;

public class DatabaseLocationTests
{
    [Test]
    public void Resolve_Location_PrefersOptionThenEnvironmentThenDefault()
    {
        var environment = new Dictionary<string, string?> { ["HOME"] = "/home/planner" };

        using (Assert.EnterMultipleScope())
        {
            Assert.That(DatabaseLocation.Resolve("/data/x.db", environment.GetValueOrDefault).Display, Is.EqualTo("/data/x.db"));
            Assert.That(DatabaseLocation.Resolve(null, environment.GetValueOrDefault).Display, Is.EqualTo("/home/planner/.local/share/scheduler/scheduler.db"));
            environment["SCHEDULER_DB"] = "/srv/scheduler.db";
            Assert.That(DatabaseLocation.Resolve(null, environment.GetValueOrDefault).Display, Is.EqualTo("/srv/scheduler.db"));
        }
    }

    [Test]
    public void Resolve_PostgresUriInTheOptionOrTheEnvironment_IsAPostgresTarget()
    {
        var environment = new Dictionary<string, string?> { ["SCHEDULER_DB"] = "postgresql://planner:pw@pg.internal/scheduler" };

        using (Assert.EnterMultipleScope())
        {
            Assert.That(DatabaseLocation.Resolve(null, environment.GetValueOrDefault).Display, Is.EqualTo("postgres://planner@pg.internal:5432/scheduler"));
            Assert.That(DatabaseLocation.Resolve("postgres://ops@10.0.0.5:6432/plans", environment.GetValueOrDefault).Display, Is.EqualTo("postgres://ops@10.0.0.5:6432/plans"));
        }
    }
}
