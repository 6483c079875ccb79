using System.Text;

namespace DeploySim.Reporting;

/// <summary>Writes files all or nothing: the content goes to a hidden temporary file in the same directory, which is
/// flushed to disk and then renamed over the target. An interrupted or failed write leaves the previous file (or no
/// file) in place, never a truncated one under the target's name.</summary>
/// <remarks>Thread-safe for distinct targets. The rename is atomic on one file system (POSIX <c>rename</c>,
/// Windows <c>MoveFileEx</c> with replace).</remarks>
public static class AtomicFile
{
    /// <summary>UTF-8 without a byte order mark: what every text report uses.</summary>
    public static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes <paramref name="path"/> with whatever <paramref name="write"/> puts in the stream.
    /// When <paramref name="write"/> throws, the temporary file is deleted and the target is left as it was.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full) ?? throw new ArgumentException($"'{path}' has no directory", nameof(path));
        var temp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Path.GetRandomFileName()}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    public static void WriteAllBytes(string path, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        Write(path, s => s.Write(bytes));
    }

    /// <summary>Writes <paramref name="text"/> as UTF-8 without a byte order mark.</summary>
    public static void WriteAllText(string path, string text) => WriteAllBytes(path, Utf8.GetBytes(text));

    /// <summary>The temporary files this class creates for <paramref name="path"/> look like this (for tests and clean-up).</summary>
    public static string TempPattern(string path) => $".{Path.GetFileName(path)}.*.tmp";

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: the temporary name is hidden and never mistaken for the target.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
