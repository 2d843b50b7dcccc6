using Scheduler.Core.Validation;

namespace Scheduler.Core.Tests.Validation;

public class JsonPathTests
{
    [TestCase("demand", "$.demand")]
    [TestCase("sci-fi", "$['sci-fi']")]
    [TestCase("$schema", "$['$schema']")]
    [TestCase("it's", "$['it\\'s']")]
    public void Property_Name_IsQuotedOnlyWhenNeeded(string name, string expected)
    {
        Assert.That(JsonPath.Property(JsonPath.Root, name), Is.EqualTo(expected));
    }

    [Test]
    public void Index_AfterProperty_UsesBrackets()
    {
        Assert.That(JsonPath.Index(JsonPath.Property(JsonPath.Root, "titles"), 3), Is.EqualTo("$.titles[3]"));
    }
}
