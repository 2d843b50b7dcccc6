namespace Scheduler.Cli;

/// <summary>Writes output files whole or not at all: a temporary file beside the target, then a rename.</summary>
internal static class OutputFiles
{
    public static Task WriteAsync(string path, string contents, CancellationToken cancellationToken = default)
        => WriteAsync(path, (temporary, token) => File.WriteAllTextAsync(temporary, contents, token), cancellationToken);

    public static Task WriteAsync(string path, byte[] contents, CancellationToken cancellationToken = default)
        => WriteAsync(path, (temporary, token) => File.WriteAllBytesAsync(temporary, contents, token), cancellationToken);

    private static async Task WriteAsync(string path, Func<string, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = $"{full}.{Environment.ProcessId}.tmp";
        try
        {
            await write(temporary, cancellationToken).ConfigureAwait(false);
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
