using System.Diagnostics;
using Scheduler.Cli.Tests.Support;
using Scheduler.Storage;

namespace Scheduler.Cli.Tests.Commands;

/// <summary>
/// A full disk, on a small tmpfs of its own: the run fails with a sentence and exit 5, leaves no
/// partial plan file, and the database stays whole with its plan of record. Mounting needs root,
/// as CI runs; elsewhere these tests are skipped.
/// </summary>
[NonParallelizable]
public class FullDiskTests
{
    private string _mount = "";
    private bool _mounted;

    [SetUp]
    public void MountASmallFilesystem()
    {
        _mount = Directory.CreateTempSubdirectory("scheduler-full-").FullName;
        _mounted = Run("mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", _mount) == 0;
        if (!_mounted)
        {
            Assert.Ignore("Mounting a tmpfs needs root.");
        }
    }

    [TearDown]
    public void Unmount()
    {
        if (_mounted)
        {
            Run("umount", _mount);
        }

        Directory.Delete(_mount, recursive: true);
    }

    private static int Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        try
        {
            using var process = Process.Start(start)!;
            process.WaitForExit();
            return process.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return -1;
        }
    }

    /// <summary>Fills the filesystem to the last byte.</summary>
    private void Fill()
    {
        using var filler = File.Create(Path.Combine(_mount, "filler"));
        var block = new byte[64 * 1024];
        try
        {
            while (true)
            {
                filler.Write(block);
                filler.Flush();
            }
        }
        catch (IOException)
        {
            // Full.
        }
    }

    private async Task AssertStillAdoptedAsync(string database, long run)
    {
        File.Delete(Path.Combine(_mount, "filler"));
        await using var store = await SchedulerDatabase.OpenAsync(DatabaseTarget.File(database), TimeProvider.System);
        var integrity = await store.IntegrityCheckAsync();
        var adopted = await store.PlanOfRecord.CurrentAsync();
        Assert.That((integrity, adopted), Is.EqualTo(((string?)"ok", (long?)run)));
    }

    [Test]
    public async Task Plan_DatabaseOnAFullDisk_ExitsFiveAndKeepsThePlanOfRecord()
    {
        var database = Path.Combine(_mount, "scheduler.db");
        var plan = Path.Combine(_mount, "plan.json");
        var first = await CliRun.InProcessAsync("plan", "scenarios/demo.json", "--db", database, "--adopt", "--time-limit", "5");
        Assert.That(first.ExitCode, Is.EqualTo(ExitCodes.Ok), first.Error);
        Fill();

        var result = await CliRun.InProcessAsync("plan", "scenarios/demo.json", "--db", database, "--adopt", "--out", plan, "--time-limit", "5");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.CannotWrite), result.Error);
            Assert.That(result.Error, Does.StartWith("The database could not be written: SQLite Error ")
                .And.EndWith("Its last transaction was rolled back; the plan of record is unchanged.\n"));
            Assert.That(result.Error, Does.Not.Contain("   at "));
            Assert.That(Directory.GetFiles(_mount, "plan.json*"), Is.Empty, "no plan file, whole or partial");
        });
        await AssertStillAdoptedAsync(database, 1);
    }

    [Test]
    public async Task Plan_OutputOnAFullDisk_ExitsFiveLeavesNoPartialFileAndAdoptsNothing()
    {
        var directory = Directory.CreateTempSubdirectory("scheduler-full-db-").FullName;
        try
        {
            var database = Path.Combine(directory, "scheduler.db");
            var first = await CliRun.InProcessAsync("plan", "scenarios/demo.json", "--db", database, "--adopt", "--time-limit", "5");
            Assert.That(first.ExitCode, Is.EqualTo(ExitCodes.Ok), first.Error);
            Fill();

            var result = await CliRun.InProcessAsync("plan", "scenarios/demo.json", "--db", database, "--adopt", "--out", Path.Combine(_mount, "plan.json"), "--time-limit", "5");

            Assert.Multiple(() =>
            {
                Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.CannotWrite), result.Error);
                Assert.That(result.Error, Does.EndWith("Could not write: No space left on device : '" + Path.Combine(_mount, "plan.json") + $".{Environment.ProcessId}.tmp'. No output file was left half-written, and the database is as it was.\n"));
                Assert.That(Directory.GetFiles(_mount, "plan.json*"), Is.Empty, "no plan file, whole or partial");
            });
            await using var store = await SchedulerDatabase.OpenAsync(DatabaseTarget.File(database), TimeProvider.System);
            var integrity = await store.IntegrityCheckAsync();
            var adopted = await store.PlanOfRecord.CurrentAsync();
            Assert.That((integrity, adopted), Is.EqualTo(((string?)"ok", (long?)1)), "the database is whole; the failed run is stored, not adopted");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
