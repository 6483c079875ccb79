namespace DeploySim.Scenarios;

/// <summary>A parsed scenario file, before mapping: parse once, then apply different overrides and map each variant
/// (what <c>sweep --vary</c> needs). Immutable and thread-safe; <c>With</c> returns a new document.</summary>
public sealed class ScenarioDocument
{
    /// <summary>The "file" that errors in <c>--set</c> overrides name.</summary>
    public const string OverrideSource = "--set";

    private readonly YamlNode _root;
    private readonly ScenarioFiles _files;

    private ScenarioDocument(YamlNode root, string displayName, ScenarioFiles files, IReadOnlyList<ScenarioOverride> overrides)
    {
        _root = root;
        DisplayName = displayName;
        _files = files;
        Overrides = overrides;
    }

    /// <summary>The file name as shown in errors.</summary>
    public string DisplayName { get; }

    /// <summary>Overrides applied so far, in order.</summary>
    public IReadOnlyList<ScenarioOverride> Overrides { get; }

    /// <summary>Reads and parses a scenario file; relative paths inside it resolve against its folder.
    /// Throws <see cref="ScenarioException"/> when the file cannot be read or is not YAML.</summary>
    public static ScenarioDocument Read(string path)
    {
        if (!ScenarioFiles.TryReadDisk(path, out var text, out var error))
            throw new ScenarioException(new ScenarioError(path, 0, 0, "", error));
        string baseDirectory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        return Parse(text, path, new ScenarioFiles(baseDirectory, Path.GetDirectoryName(path) ?? ""));
    }

    /// <summary>Parses scenario text; <paramref name="baseDirectory"/> is where its relative paths resolve.</summary>
    public static ScenarioDocument Parse(string yaml, string displayName, string baseDirectory) =>
        Parse(yaml, displayName, new ScenarioFiles(baseDirectory, Path.GetDirectoryName(displayName) ?? ""));

    internal static ScenarioDocument Parse(string yaml, string displayName, ScenarioFiles files)
    {
        var errors = new List<ScenarioError>();
        var root = Guard(displayName, () => YamlTreeBuilder.Parse(yaml, displayName, errors));
        if (root is null || errors.Count > 0)
            throw new ScenarioException(errors.Count > 0 ? errors : [new ScenarioError(displayName, 0, 0, "", "the file could not be parsed")]);
        return new ScenarioDocument(root, displayName, files, []);
    }

    /// <summary>This document with more <c>path=value</c> overrides applied (in order, after any earlier ones).
    /// Throws <see cref="ScenarioException"/> listing every override that is malformed or whose path cannot exist.</summary>
    public ScenarioDocument With(IEnumerable<string> overrides)
    {
        var errors = new List<ScenarioError>();
        var parsed = new List<ScenarioOverride>();
        foreach (var text in overrides)
        {
            if (ScenarioOverride.TryParse(text, out var o, out var error)) parsed.Add(o);
            else ScenarioError.Report(errors, error!);
        }
        return With(parsed, errors);
    }

    /// <summary>This document with more overrides applied; see <see cref="With(IEnumerable{string})"/>.</summary>
    public ScenarioDocument With(IEnumerable<ScenarioOverride> overrides) => With(overrides.ToList(), []);

    private ScenarioDocument With(List<ScenarioOverride> overrides, List<ScenarioError> errors)
    {
        if (overrides.Count == 0 && errors.Count == 0) return this;
        var root = Guard(DisplayName, () => Scenarios.Overrides.Apply(_root, overrides, errors));
        if (errors.Count > 0) throw new ScenarioException(errors);
        return new ScenarioDocument(root, DisplayName, _files, [.. Overrides, .. overrides]);
    }

    /// <summary>The document as block YAML with every override applied and aliases expanded (comments and layout are
    /// not kept): what <c>scenario.resolved.yaml</c> holds.</summary>
    public string ToYaml() => YamlWriter.Write(_root);

    /// <summary>Files read from disk while mapping (appspec, empirical CSVs), as (name shown, full path), in the order
    /// first read; empty before <see cref="ToScenario()"/> or <see cref="Validate"/>.</summary>
    public IReadOnlyList<(string DisplayName, string FullPath)> FilesRead => _files.FilesRead;

    /// <summary>Built-in texts the scenario read (the default scenario's appspec files), by relative path.</summary>
    public IReadOnlyList<(string RelativePath, string Text)> BuiltInFilesRead => _files.BuiltInFilesRead;

    /// <summary>Maps the document onto the records; throws <see cref="ScenarioException"/> with every problem found.</summary>
    public Scenario ToScenario()
    {
        var (scenario, errors) = Map();
        return errors.Count == 0 && scenario is not null ? scenario : throw new ScenarioException(errors);
    }

    /// <summary>As <see cref="ToScenario()"/>, also handing out the warnings (accepted input worth saying).</summary>
    public Scenario ToScenario(out IReadOnlyList<ScenarioError> warnings)
    {
        var (scenario, ctx) = MapWithContext();
        warnings = Sorted(ctx.Warnings);
        return ctx.Errors.Count == 0 && scenario is not null ? scenario : throw new ScenarioException(Sorted(ctx.Errors));
    }

    /// <summary>Every problem in the document (empty when it is valid).</summary>
    public IReadOnlyList<ScenarioError> Validate() => Map().Errors;

    /// <summary>Every problem and every warning in the document.</summary>
    public (IReadOnlyList<ScenarioError> Errors, IReadOnlyList<ScenarioError> Warnings) Check()
    {
        var (_, ctx) = MapWithContext();
        return (Sorted(ctx.Errors), Sorted(ctx.Warnings));
    }

    internal (Scenario? Scenario, IReadOnlyList<ScenarioError> Errors) Map()
    {
        var (scenario, ctx) = MapWithContext();
        return (scenario, Sorted(ctx.Errors));
    }

    /// <summary>Maps and also returns the read context (the keys read), for tests.</summary>
    internal (Scenario? Scenario, ReadContext Context) MapWithContext()
    {
        var ctx = new ReadContext(_files);
        var scenario = Guard(DisplayName, () => ScenarioMapper.Map(ctx, _root));
        if (scenario is null && ctx.Errors.Count == 0) ctx.Errors.Add(new ScenarioError(DisplayName, 0, 0, "", "the document could not be mapped"));
        return (scenario, ctx);
    }

    /// <summary>Errors grouped by file (in order of first appearance), then by position.</summary>
    private static List<ScenarioError> Sorted(List<ScenarioError> errors)
    {
        var rank = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var e in errors) rank.TryAdd(e.File, rank.Count);
        bool full = errors.Count > ScenarioError.MaxErrors; // the last entry says reporting stopped: keep it last
        var sorted = errors.Take(full ? errors.Count - 1 : errors.Count).Select((e, i) => (e, i))
            .OrderBy(x => rank[x.e.File]).ThenBy(x => x.e.Line).ThenBy(x => x.e.Column).ThenBy(x => x.i)
            .Select(x => x.e).ToList();
        if (full) sorted.Add(errors[^1]);
        return sorted;
    }

    /// <summary>Turns any unexpected exception into a <see cref="ScenarioException"/>: nothing else leaves the loader.</summary>
    private static T Guard<T>(string displayName, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception ex) when (ex is not ScenarioException and not OutOfMemoryException)
        {
            throw new ScenarioException(new ScenarioError(displayName, 0, 0, "", $"internal error while reading the scenario: {ex.GetType().Name}: {ex.Message}"));
        }
    }
}
