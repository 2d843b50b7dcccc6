using System.Data.Common;

namespace Scheduler.Cli;

/// <summary>
/// Failures to write that are the machine's, not Scheduler's nor the input's: a full disk, a file
/// or database that may not be written. Files are written to a temporary file and renamed, and the
/// database writes in transactions, so what was there before is unchanged; the user is told so.
/// </summary>
internal static class WriteFailure
{
    /// <summary>The sentence for a failure to write, or null when <paramref name="exception"/> is something else.</summary>
    public static string? Describe(Exception exception) => exception switch
    {
        IOException io when io is not FileNotFoundException and not DirectoryNotFoundException
            => $"Could not write: {io.Message.TrimEnd('.')}. No output file was left half-written, and the database is as it was.",
        UnauthorizedAccessException denied
            => $"Could not write: {denied.Message.TrimEnd('.')}. No output file was written.",
        DbException database
            => $"The database could not be written: {database.Message.TrimEnd('.')}. Its last transaction was rolled back; the plan of record is unchanged.",
        _ => null,
    };
}
