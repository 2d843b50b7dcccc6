using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using FsCheck;
using FsCheck.Fluent;
using Scheduler.Core.Generation;
using Scheduler.Core.Loading;
using Scheduler.Core.Tests.Support;
using Scheduler.Workbooks.Slates;
using Scheduler.Workbooks.Tests.Support;

namespace Scheduler.Workbooks.Tests.Slates;

public class SlateRoundTripTests
{
    private static IEnumerable<string> BundledScenarios()
        => Directory.GetFiles(RepositoryPaths.Scenarios, "*.json").Select(Path.GetFileName)!;

    [TestCaseSource(nameof(BundledScenarios))]
    public async Task ExportThenImport_BundledScenario_GivesTheSameScenario(string file)
    {
        var json = await File.ReadAllBytesAsync(Path.Combine(RepositoryPaths.Scenarios, file));
        var loader = await ScenarioLoader.CreateAsync();

        var workbook = SlateWorkbooks.Export(json);
        var document = SlateWorkbooks.Load(loader, workbook, file);

        Assert.That(CanonicalJson.Of(JsonNode.Parse(document.Content.Span)), Is.EqualTo(CanonicalJson.Of(JsonNode.Parse(json))));
    }

    [Test]
    public void ExportThenRead_GeneratedScenarios_GiveTheSameDocument()
    {
        var scenarios = from titles in Gen.Choose(1, 25)
                        from regions in Gen.Choose(1, 8)
                        from seed in Gen.Choose(0, 100_000)
                        from names in Gen.ArrayOf(Texts(), titles)
                        from demands in Gen.ArrayOf(Gen.Choose(0, 10_000_000).Select(d => d / 1000.0), titles)
                        from clearsDefault in Gen.Elements(true, false)
                        select Edited(ScenarioGenerator.Generate(new GeneratorOptions(titles, regions, 1, seed)), names, demands, clearsDefault);

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(40), Prop.ForAll(scenarios.ToArbitrary(), scenario =>
        {
            var read = SlateReader.Read(SlateWriter.Write(scenario));
            Assert.That(read.Errors, Is.Empty);
            Assert.That(CanonicalJson.Of(read.Document), Is.EqualTo(CanonicalJson.Of(scenario)));
        }));
    }

    [Test]
    public void Read_Demo_GivesTheFieldsInTheSchemasOrder()
    {
        var json = File.ReadAllBytes(Path.Combine(RepositoryPaths.Scenarios, "demo.json"));

        var read = SlateReader.Read(SlateWorkbooks.Export(json));

        // The demo's empty blackoutDates list is an empty cell, so it is not read back.
        Assert.That(read.Document.Select(p => p.Key), Is.EqualTo(JsonNode.Parse(json)!.AsObject().Select(p => p.Key).Where(k => k != "blackoutDates")));
    }

    [Test]
    public void Read_WorkbookOn1904DateSystem_ShiftsItsDates()
    {
        var json = File.ReadAllBytes(Path.Combine(RepositoryPaths.Scenarios, "demo.json"));

        var read = SlateReader.Read(XlsxEdits.On1904DateSystem(SlateWorkbooks.Export(json)));

        // The same serial counts from 1904-01-01: 1462 days later than from 1899-12-30.
        Assert.That(read.Document["horizon"]!["start"]!.GetValue<string>(), Is.EqualTo(new NodaTime.LocalDate(2027, 3, 1).PlusDays(1462).ToString("yyyy-MM-dd", null)));
    }

    [Test]
    public void Template_IsAValidOpenXmlWorkbook()
    {
        var json = File.ReadAllBytes(Path.Combine(RepositoryPaths.Scenarios, "demo.json"));
        using var stream = new MemoryStream(SlateWorkbooks.Export(json));
        using var workbook = SpreadsheetDocument.Open(stream, false);

        var errors = new OpenXmlValidator().Validate(workbook).Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}");

        Assert.That(errors, Is.Empty);
    }

    /// <summary>Texts a planner may type: commas, quotes, equals signs, accents; never surrounding spaces, which a cell drops.</summary>
    private static Gen<string> Texts()
        => Gen.ArrayOf(Gen.Elements("a", "B", "7", ",", "\"", "=", " ", "é", "ß", "'", "-", "日"))
            .Select(parts => string.Concat(parts).Trim())
            .Where(text => text.Length > 0);

    private static JsonObject Edited(JsonObject scenario, string[] names, double[] demands, bool clearsDefault)
    {
        var titles = scenario["titles"]!.AsArray();
        for (var i = 0; i < titles.Count; i++)
        {
            titles[i]!["name"] = names[i];
            titles[i]!["demand"] = demands[i];
            titles[i]!["genres"] = new JsonArray(names[i], "drama");
        }

        var region = scenario["regions"]![0]!["id"]!.GetValue<string>();
        var seasonality = scenario["seasonality"] as JsonObject ?? (JsonObject)(scenario["seasonality"] = new JsonObject());
        if (clearsDefault)
        {
            seasonality["regions"] = new JsonObject { [region] = new JsonArray() };
        }

        titles[0]!["pinned"] = new JsonObject { [region] = "2027-03-05" };
        if (titles.Count > 1)
        {
            titles[0]!["after"] = new JsonArray(new JsonObject { ["title"] = titles[1]!["id"]!.GetValue<string>(), ["minGapDays"] = 14 });
        }

        scenario["variants"] = new JsonArray(new JsonObject { ["id"] = "v", ["description"] = names[0], ["changes"] = new JsonObject { ["capacity"] = new JsonObject { ["perDay"] = 1 } } });
        return scenario;
    }
}
