using System.Text;
using Scheduler.Core.Loading;

namespace Scheduler.Core.Tests.Loading;

/// <summary>What is read of a stored scenario without validating it: a version that today's rules refuse still shows its variants and zones.</summary>
public class ScenarioOutlineTests
{
    [Test]
    public void Read_DocumentTheLoaderRefuses_StillGivesItsNameVariantsAndZones()
    {
        const string json = """
            { "name": "Old rules", "horizon": { "start": "2027-03-01" },
              "regions": [ { "id": "de", "timeZone": "Europe/Berlin" }, { "id": "xx", "timeZone": "Mars/Olympus" }, { "timeZone": "Europe/London" } ],
              "variants": [ { "id": "cut" }, { "changes": {} }, { "id": "late" } ] }
            """;

        var outline = ScenarioOutline.Read(Encoding.UTF8.GetBytes(json));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outline.Name, Is.EqualTo("Old rules"));
            Assert.That(outline.Variants, Is.EqualTo(new[] { "cut", "late" }));
            Assert.That(outline.RegionZones.Select(z => (z.Key, z.Value.Id)), Is.EqualTo(new[] { ("de", "Europe/Berlin") }));
        }
    }

    [TestCase("not json")]
    [TestCase("[1, 2]")]
    public void Read_TextThatIsNoObject_IsEmpty(string text)
    {
        var outline = ScenarioOutline.Read(Encoding.UTF8.GetBytes(text));

        Assert.That((outline.Name, outline.Variants.Length, outline.RegionZones.Count), Is.EqualTo(((string?)null, 0, 0)));
    }
}
