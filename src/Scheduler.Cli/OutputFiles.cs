namespace Scheduler.Cli;

/// <summary>Writes output files whole or not at all: a temporary file beside the target, then a rename.</summary>
internal static class OutputFiles
{
    public static async Task WriteAsync(string path, string contents, CancellationToken cancellationToken = default)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = $"{full}.{Environment.ProcessId}.tmp";
        try
        {
            await File.WriteAllTextAsync(temporary, contents, cancellationToken).ConfigureAwait(false);
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
