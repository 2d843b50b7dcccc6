using System.IO.Compression;

namespace Scheduler.Solver.Cbc;

/// <summary>Writes a loaded model with CBC's own MPS and LP writers. Call only inside <see cref="CbcGate"/>.</summary>
/// <remarks>
/// Neither writer takes the path it is given. <c>Cbc_writeMps</c> appends ".mps" to whatever
/// it gets and gzips the result when CoinUtils has zlib (Debian's does), so "m.mps" becomes
/// "m.mps.mps.gz". <c>Cbc_writeLp</c> cuts the path at the first ".lp" anywhere in it (a
/// directory such as "runs.lpx/" included), copies it into a 512-byte buffer and appends ".lp".
/// Both report no errors. So each writes into a private scratch directory under a plain stem,
/// and the file is then moved, or decompressed, to where the caller asked for it.
/// </remarks>
internal static class CbcFileWriter
{
    private const string Stem = "model";

    // Cbc_writeLp copies at most 511 bytes of the path.
    private const int MaxStemBytes = 500;

    public static void WriteMps(CbcModelHandle handle, string path) =>
        WriteVia(handle, path, CbcNative.Cbc_writeMps, (stem, target) =>
        {
            var gzipped = stem + ".mps.gz";
            if (!File.Exists(gzipped))
            {
                MoveWritten(stem + ".mps", target);
                return;
            }

            using var input = new GZipStream(File.OpenRead(gzipped), CompressionMode.Decompress);
            using var output = File.Create(target);
            input.CopyTo(output);
        });

    public static void WriteLp(CbcModelHandle handle, string path) =>
        WriteVia(handle, path, CbcNative.Cbc_writeLp, (stem, target) => MoveWritten(stem + ".lp", target));

    private static void WriteVia(
        CbcModelHandle handle, string path, Action<CbcModelHandle, string> write, Action<string, string> deliver)
    {
        var target = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(target);
        if (directory is not null && !Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"The directory '{directory}' does not exist.");
        }

        var scratch = Directory.CreateTempSubdirectory("cbc-write-");
        try
        {
            var stem = Path.Combine(scratch.FullName, Stem);
            if (stem.Contains(".lp", StringComparison.Ordinal) || System.Text.Encoding.UTF8.GetByteCount(stem) > MaxStemBytes)
            {
                throw new InvalidOperationException(
                    $"The temporary directory '{scratch.FullName}' is unusable for CBC's writers (too long, or contains '.lp').");
            }

            write(handle, stem);
            deliver(stem, target);
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }

    private static void MoveWritten(string written, string target)
    {
        if (!File.Exists(written))
        {
            throw new IOException($"CBC did not write '{written}'.");
        }

        File.Move(written, target, overwrite: true);
    }
}
