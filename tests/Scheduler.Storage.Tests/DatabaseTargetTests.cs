namespace Scheduler.Storage.Tests;

public class DatabaseTargetTests
{
    private const string Form = "the form is postgres://user:password@host:port/database.";

    [Test]
    public void Parse_PostgresUri_ReadsEveryPartAndShowsNoPassword()
    {
        var target = DatabaseTarget.Parse("postgres://alice:s3cret@db.example.com:6543/plans");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(target.Kind, Is.EqualTo(DatabaseKind.Postgres));
            Assert.That((target.User, target.Password, target.Host, target.Port, target.Database), Is.EqualTo(("alice", "s3cret", "db.example.com", 6543, "plans")));
            Assert.That(target.FilePath, Is.Null);
            Assert.That(target.Display, Is.EqualTo("postgres://alice@db.example.com:6543/plans"));
            Assert.That(target.ToString(), Is.EqualTo(target.Display));
        }
    }

    [TestCase("postgresql://alice@db.example.com/plans")]
    [TestCase("POSTGRES://alice@db.example.com/plans")]
    public void Parse_UriWithoutPort_UsesPort5432(string uri)
    {
        var target = DatabaseTarget.Parse(uri);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(target.Kind, Is.EqualTo(DatabaseKind.Postgres));
            Assert.That(target.Port, Is.EqualTo(5432));
            Assert.That(target.Password, Is.Null);
            Assert.That(target.Display, Is.EqualTo("postgres://alice@db.example.com:5432/plans"));
        }
    }

    [Test]
    public void Parse_PercentEncodedParts_AreDecoded()
    {
        var target = DatabaseTarget.Parse("postgres://release%20planner:p%40ss%3Aw%2Fd%25@[::1]/plans%2D2027");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(target.User, Is.EqualTo("release planner"));
            Assert.That(target.Password, Is.EqualTo("p@ss:w/d%"));
            Assert.That(target.Host, Is.EqualTo("::1"));
            Assert.That(target.Database, Is.EqualTo("plans-2027"));
            Assert.That(target.Display, Is.EqualTo("postgres://release%20planner@[::1]:5432/plans-2027"));
        }
    }

    [TestCase("postgres://db.example.com/plans", "'postgres://db.example.com/plans' names no user")]
    [TestCase("postgres://:s3cret@db.example.com/plans", "'postgres://:***@db.example.com/plans' names no user")]
    [TestCase("postgres://alice:s3cret@/plans", "'postgres://alice:***@/plans' names no host")]
    [TestCase("postgres://alice:s3cret@db.example.com:99999/plans", "'postgres://alice:***@db.example.com:99999/plans' has port '99999', which is not a number from 1 to 65535")]
    [TestCase("postgres://alice:s3cret@db.example.com:pg/plans", "'postgres://alice:***@db.example.com:pg/plans' has port 'pg', which is not a number from 1 to 65535")]
    [TestCase("postgres://alice:s3cret@db.example.com:5432", "'postgres://alice:***@db.example.com:5432' names no database")]
    [TestCase("postgres://alice:s3cret@db.example.com/", "'postgres://alice:***@db.example.com/' names no database")]
    [TestCase("postgres://alice:s3cret@db.example.com/plans/2027", "'postgres://alice:***@db.example.com/plans/2027' has a database name with a '/' in it ('plans/2027')")]
    [TestCase("postgres://alice:s3cret@db.example.com/plans?sslmode=require", "'postgres://alice:***@db.example.com/plans?sslmode=require' has query parameters or a fragment, which Scheduler does not take")]
    [TestCase("postgres://alice:s3cret%zz@db.example.com/plans", "'postgres://alice:***@db.example.com/plans' has a '%' in its password that is not followed by two hexadecimal digits")]
    [TestCase("postgres://alice:s3cret@[::1/plans", "'postgres://alice:***@[::1/plans' has an IPv6 host without its closing ']'")]
    public void Parse_MalformedUri_SaysWhatIsWrongWithoutThePassword(string uri, string problem)
    {
        var ex = Assert.Throws<StorageException>(() => DatabaseTarget.Parse(uri));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(ex!.Message, Is.EqualTo($"The database URI {problem}; {Form}"));
            Assert.That(ex.Message, Does.Not.Contain("s3cret"));
        }
    }

    [Test]
    public void Parse_AnythingElse_IsAnSqliteFileByItsFullPath()
    {
        var relative = DatabaseTarget.Parse("plans/scheduler.db");
        var absolute = DatabaseTarget.Parse("/data/scheduler.db");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(relative.Kind, Is.EqualTo(DatabaseKind.Sqlite));
            Assert.That(relative.FilePath, Is.EqualTo(Path.GetFullPath("plans/scheduler.db")));
            Assert.That(relative.Display, Is.EqualTo(relative.FilePath));
            Assert.That(absolute.FilePath, Is.EqualTo("/data/scheduler.db"));
            Assert.That(absolute.Host, Is.Null);
        }
    }
}
