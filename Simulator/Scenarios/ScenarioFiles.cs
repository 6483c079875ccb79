namespace DeploySim.Scenarios;

/// <summary>Reads the files a scenario names (appspec, empirical CSV), relative to the scenario's folder.</summary>
/// <remarks>An optional overlay maps relative paths to built-in texts (the built-in scenario's virtual folder).
/// Thread-safe; the only state is the list of files read.</remarks>
internal sealed class ScenarioFiles
{
    /// <summary>Largest file the loader reads (scenario, appspec or empirical data).</summary>
    public const long MaxFileBytes = 16L * 1024 * 1024;

    private readonly IReadOnlyDictionary<string, string> _overlay;
    private readonly string _overlayPrefix;
    private readonly List<(string DisplayName, string FullPath)> _read = [];
    private readonly List<(string RelativePath, string Text)> _builtInRead = [];

    /// <param name="baseDirectory">Folder that relative paths resolve against.</param>
    /// <param name="displayDirectory">Folder as shown in errors (the scenario's path as the user wrote it).</param>
    /// <param name="overlay">Built-in texts by relative path, read instead of the disk.</param>
    /// <param name="overlayPrefix">Prefix of built-in texts' names in errors.</param>
    public ScenarioFiles(string baseDirectory, string displayDirectory, IReadOnlyDictionary<string, string>? overlay = null, string overlayPrefix = "")
    {
        BaseDirectory = baseDirectory;
        DisplayDirectory = displayDirectory;
        _overlay = overlay ?? new Dictionary<string, string>();
        _overlayPrefix = overlayPrefix;
    }

    public string BaseDirectory { get; }
    public string DisplayDirectory { get; }

    /// <summary>Reads <paramref name="relativePath"/>; on failure returns false with a message saying why.</summary>
    public bool TryRead(string relativePath, out string displayName, out string text, out string error)
    {
        text = "";
        error = "";
        var normalized = relativePath.Replace('\\', '/');
        if (_overlay.TryGetValue(normalized, out var builtIn))
        {
            displayName = _overlayPrefix + normalized;
            text = builtIn;
            lock (_read)
            {
                if (!_builtInRead.Contains((normalized, builtIn))) _builtInRead.Add((normalized, builtIn));
            }
            return true;
        }
        displayName = Path.IsPathRooted(relativePath) || DisplayDirectory.Length == 0
            ? relativePath
            : Path.Combine(DisplayDirectory, relativePath);
        string path = Path.Combine(BaseDirectory, relativePath);
        if (!TryReadDisk(path, out text, out error)) return false;
        var entry = (displayName, Path.GetFullPath(path));
        lock (_read)
        {
            if (!_read.Contains(entry)) _read.Add(entry);
        }
        return true;
    }

    /// <summary>Files read from disk so far (display name, full path), in the order first read.</summary>
    public IReadOnlyList<(string DisplayName, string FullPath)> FilesRead
    {
        get
        {
            lock (_read) return [.. _read];
        }
    }

    /// <summary>Built-in texts read so far (relative path as the scenario names it, text), in the order first read: no
    /// file on disk holds them, so a scenario written out for re-use embeds them.</summary>
    public IReadOnlyList<(string RelativePath, string Text)> BuiltInFilesRead
    {
        get
        {
            lock (_read) return [.. _builtInRead];
        }
    }

    /// <summary>Reads a file from disk with the size limit, turning every I/O failure into a message.</summary>
    public static bool TryReadDisk(string path, out string text, out string error)
    {
        text = "";
        try
        {
            var info = new FileInfo(path);
            if (Directory.Exists(path))
            {
                error = $"'{path}' is a folder, not a file";
                return false;
            }
            if (!info.Exists)
            {
                error = $"file not found: '{Path.GetFullPath(path)}'";
                return false;
            }
            if (info.Length > MaxFileBytes)
            {
                error = $"file '{path}' is larger than {MaxFileBytes / (1024 * 1024)} MiB";
                return false;
            }
            // A file with content is read at once. Pipes and devices report no length and may block in open or read
            // forever (a FIFO without a writer), so those are read on a thread of their own, given ReadTimeout: not on
            // the thread pool, which many loads at once (tests, sweeps) would starve.
            string? content;
            if (info.Length > 0) content = ReadLimited(path);
            else
            {
                var read = Task.Factory.StartNew(() => ReadLimited(path), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
                if (!read.Wait(ReadTimeout))
                {
                    error = $"'{path}' could not be read within {ReadTimeout.TotalSeconds:0} s: is it a pipe or a device rather than a file?";
                    return false;
                }
                content = read.GetAwaiter().GetResult();
            }
            if (content is null)
            {
                error = $"file '{path}' is larger than {MaxFileBytes / (1024 * 1024)} MiB";
                return false;
            }
            text = content;
            error = "";
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException or System.Security.SecurityException)
        {
            error = $"cannot read '{path}': {ex.Message}";
            return false;
        }
    }

    private static readonly AsyncLocal<TimeSpan?> ScopedReadTimeout = new();

    /// <summary>How long reading one file may take (a FIFO with no writer would block for ever): 10 s, or what the
    /// caller's <see cref="WithReadTimeout"/> scope says.</summary>
    internal static TimeSpan ReadTimeout => ScopedReadTimeout.Value ?? TimeSpan.FromSeconds(10);

    /// <summary>Sets <see cref="ReadTimeout"/> for the calling flow only (other threads keep theirs) until disposed.</summary>
    internal static IDisposable WithReadTimeout(TimeSpan timeout)
    {
        var before = ScopedReadTimeout.Value;
        ScopedReadTimeout.Value = timeout;
        return new Restore(() => ScopedReadTimeout.Value = before);
    }

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }

    /// <summary>Reads the file's text, or null once it passes <see cref="MaxFileBytes"/>: a device or a growing file
    /// that reports a small length cannot exhaust memory.</summary>
    private static string? ReadLimited(string path)
    {
        using var reader = new StreamReader(path, new FileStreamOptions { Mode = FileMode.Open, Access = FileAccess.Read, Share = FileShare.ReadWrite });
        var text = new System.Text.StringBuilder();
        var buffer = new char[16 * 1024];   // 32 KB: below the large-object heap, so a load allocates no gen-2 garbage
        int n;
        while ((n = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            text.Append(buffer, 0, n);
            if (text.Length > MaxFileBytes) return null;
        }
        return text.ToString();
    }
}
