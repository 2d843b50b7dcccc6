using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using System.Text.RegularExpressions;
using Scheduler.Application.Comparing;
using Scheduler.Application.Runs;
using Scheduler.Application.Scenarios;
using Scheduler.Core.Plans;
using Scheduler.Core.Tests.Support;
using Scheduler.Reports.Calendar;
using Scheduler.Solver.Planning;

namespace Scheduler.Reports.Tests.Calendar;

/// <summary>The release calendar of the demo scenario's plan, and of a comparison, as the CLI and the API both draw it.</summary>
public partial class CalendarReportTests
{
    private static string DemoPath => Path.Combine(RepositoryPaths.Scenarios, "demo.json");

    private string _directory = "";

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("scheduler-report-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    private static async Task<(string Html, JsonDocument Plan)> DemoReportAsync()
    {
        var input = await ScenarioDocuments.LoadFileAsync(DemoPath, null);
        var outcome = new ReleasePlanner(TimeProvider.System).Plan(new PlanRequest(input.Scenario, input.Info, PlanEngine.CpSat, TimeSpan.FromSeconds(20), 0.001, 1));
        Assert.That(outcome.Verification?.IsValid, Is.True);
        return (new CalendarReport(input.Scenario).Render(outcome.Plan!, input.Heading), JsonDocument.Parse(PlanJson.Write(outcome.Plan!)));
    }

    [Test]
    public async Task Plan_Report_HasEachReleaseOnceAndEachEvent()
    {
        var (html, plan) = await DemoReportAsync();

        var markers = ReleaseMarker().Matches(html).Select(m => m.Groups[1].Value).ToList();
        var releases = plan.RootElement.GetProperty("releases").EnumerateArray()
            .Select(r => $"{r.GetProperty("title").GetString()}|{r.GetProperty("region").GetString()}").ToList();
        var scenario = JsonDocument.Parse(await File.ReadAllTextAsync(DemoPath));
        var events = scenario.RootElement.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("id").GetString()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(markers, Is.EquivalentTo(releases));
            Assert.That(EventBand().Matches(html).Select(m => m.Groups[1].Value), Is.EquivalentTo(events));
            Assert.That(html, Does.Contain("Solver: "));
        });
    }

    [Test]
    public async Task Plan_Report_FetchesNothingFromOutside()
    {
        var (html, _) = await DemoReportAsync();

        var external = ExternalReference().Matches(html).Select(m => m.Value).Where(v => !v.Contains("www.w3.org/2000/svg", StringComparison.Ordinal));

        Assert.Multiple(() =>
        {
            Assert.That(external, Is.Empty);
            Assert.That(html, Does.Not.Contain("<script src").And.Not.Contain("<link "));
        });
    }

    [Test]
    public async Task Compare_Report_DrawsEachMovedReleaseAsAnArrow()
    {
        var input = await ScenarioDocuments.LoadFileAsync(DemoPath, null);
        var job = ComparisonJob.OfVariants(input, ["starfall-slips"], new SolveSettings(20, null, 1));
        var result = await LocalComparisons.CompareAsync(new ReleasePlanner(TimeProvider.System), TimeProvider.System, null, job, null, CancellationToken.None);

        var moved = result.Comparison.Variants[0].Diff!.Moved.Length;
        var html = new CalendarReport(input.Scenario).RenderComparison(result.Comparison.Base.Plan!, result.Drawable, "demo: what-if comparison");
        Assert.Multiple(() =>
        {
            Assert.That(moved, Is.GreaterThan(0));
            Assert.That(MoveArrow().Matches(html), Has.Count.EqualTo(moved));
            Assert.That(html, Does.Contain("Variant starfall-slips"));
        });
    }

    [TestCase(CalendarZoom.Year, 20)]
    [TestCase(CalendarZoom.HalfYear, 26)]
    [TestCase(CalendarZoom.Quarter, 90)]
    [TestCase(CalendarZoom.Month, 250)]
    public async Task Plan_ReportAtEachZoom_GivesEachOfTheFourteenWeeksItsWidth(CalendarZoom zoom, int weekWidth)
    {
        var input = await ScenarioDocuments.LoadFileAsync(DemoPath, null);
        var (_, plan) = await DemoReportAsync();

        var html = new CalendarReport(input.Scenario, zoom: zoom).Render(PlanJson.Read(plan.RootElement.GetRawText()), "zoomed");

        // The demo's horizon, 2027-03-01 (a Monday) to 2027-05-31, spans 14 weeks; 4 pixels before them, 120 after for the last event's name.
        Assert.That(CalendarWidth().Match(html).Groups[1].Value, Is.EqualTo($"{4 + (14 * weekWidth) + 120}"));
    }

    [Test]
    public async Task Plan_ReleaseTable_GivesEachReleaseItsLocalTimeBesideUtcAndItsGenres()
    {
        var (html, plan) = await DemoReportAsync();

        var uk = plan.RootElement.GetProperty("releases").EnumerateArray().First(r => r.GetProperty("region").GetString() == "uk" && r.GetProperty("title").GetString() == "ember-road");
        var utc = DateTimeOffset.Parse(uk.GetProperty("publishAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var london = TimeZoneInfo.ConvertTime(utc, TimeZoneInfo.FindSystemTimeZoneById("Europe/London"));
        var abbreviation = london.Offset == TimeSpan.Zero ? "GMT" : "BST";

        Assert.That(html, Does.Contain(
            $"<tr><td>{uk.GetProperty("date").GetString()}</td><td>{london:HH:mm} {abbreviation}</td><td>uk</td><td>Ember Road (ember-road)</td><td>action, thriller</td><td>global</td><td>{uk.GetProperty("publishAt").GetString()}</td>"));
    }

    [Test]
    public void Palette_PastEightGenres_TakesTheColoursAgainAsRingsThenDashedEdges()
    {
        var palette = new ReportPalette();

        var marks = Enumerable.Range(1, 17).Select(i => palette.Mark($"genre-{i}")).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(marks.Take(8).Select(m => m.Colour).Distinct().Count(), Is.EqualTo(8));
            Assert.That(marks.Take(8).Select(m => m.Style), Has.All.EqualTo(MarkStyle.Filled));
            Assert.That(marks[8], Is.EqualTo(new GenreMark(marks[0].Colour, MarkStyle.Ring)));
            Assert.That(marks[16], Is.EqualTo(new GenreMark(marks[0].Colour, MarkStyle.Dashed)));
            Assert.That(palette.Mark("genre-1"), Is.SameAs(marks[0]), "a genre keeps its mark");
        });
    }

    [Test]
    public async Task Plan_Report_RendersInHeadlessChromiumToAPictureThatIsNotBlank()
    {
        var (html, _) = await DemoReportAsync();
        var page = Path.Combine(_directory, "demo.html");
        await File.WriteAllTextAsync(page, html);
        var png = Path.Combine(_directory, "demo.png");
        Assert.That(File.Exists("/usr/bin/chromium"), Is.True, "Chromium is installed by .ci/setup");

        var start = new ProcessStartInfo("/usr/bin/chromium") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", $"--user-data-dir={Path.Combine(_directory, "profile")}",
            "--window-size=1400,900", $"--screenshot={png}", $"file://{page}",
        })
        {
            start.ArgumentList.Add(arg);
        }

        using (var chromium = Process.Start(start)!)
        {
            var output = chromium.StandardOutput.ReadToEndAsync();
            var error = chromium.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            await chromium.WaitForExitAsync(timeout.Token);
            await Task.WhenAll(output, error);
        }

        Assert.That(DistinctPixelBytes(await File.ReadAllBytesAsync(png)), Is.GreaterThan(50), "a blank page has almost no distinct pixel values");
    }

    /// <summary>How many distinct byte values the PNG's decompressed image data holds: a blank screenshot has a handful.</summary>
    private static int DistinctPixelBytes(byte[] png)
    {
        using var data = new MemoryStream();
        for (var offset = 8; offset < png.Length;)
        {
            var length = (png[offset] << 24) | (png[offset + 1] << 16) | (png[offset + 2] << 8) | png[offset + 3];
            var type = System.Text.Encoding.ASCII.GetString(png, offset + 4, 4);
            if (type == "IDAT")
            {
                data.Write(png, offset + 8, length);
            }

            offset += 12 + length;
        }

        data.Position = 0;
        using var inflated = new ZLibStream(data, CompressionMode.Decompress);
        using var pixels = new MemoryStream();
        inflated.CopyTo(pixels);
        return pixels.ToArray().Distinct().Count();
    }

    [GeneratedRegex("data-release=\"([^\"]+)\"")]
    private static partial Regex ReleaseMarker();

    [GeneratedRegex("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"(\\d+)\"[^>]*aria-label=\"Release calendar\"")]
    private static partial Regex CalendarWidth();

    [GeneratedRegex("data-event=\"([^\"]+)\"")]
    private static partial Regex EventBand();

    [GeneratedRegex("data-move=\"")]
    private static partial Regex MoveArrow();

    [GeneratedRegex(@"(https?:)?//[A-Za-z0-9.-]+\.[A-Za-z]{2,}[^""' )]*")]
    private static partial Regex ExternalReference();
}
