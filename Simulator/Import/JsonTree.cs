using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using DeploySim.Scenarios;

namespace DeploySim.Import;

/// <summary>The kind of a <see cref="JsonValue"/>.</summary>
internal enum JsonKind { Object, Array, String, Number, True, False, Null }

/// <summary>A value of a parsed JSON file that remembers where it came from (1-based line and column, and its path such
/// as <c>AutoScalingGroups[0].MinSize</c>), so that a wrong-shaped but valid file still gets a positioned error.</summary>
/// <remarks>Immutable once built. Columns count characters (not bytes) from the start of the line.</remarks>
internal sealed class JsonValue
{
    private static readonly List<KeyValuePair<string, JsonValue>> s_noProperties = [];
    private static readonly List<JsonValue> s_noItems = [];

    public JsonValue(JsonKind kind, string path, int line, int column, string text = "",
        List<KeyValuePair<string, JsonValue>>? properties = null, List<JsonValue>? items = null)
    {
        Kind = kind;
        Path = path;
        Line = line;
        Column = column;
        Text = text;
        Properties = properties ?? s_noProperties;
        Items = items ?? s_noItems;
    }

    public JsonKind Kind { get; }
    /// <summary>Where the value sits in the document: <c>a.b[2].c</c>; empty for the root.</summary>
    public string Path { get; }
    public int Line { get; }
    public int Column { get; }
    /// <summary>A string's value, or a number's text as written.</summary>
    public string Text { get; }
    /// <summary>An object's members in file order (the first of duplicate names wins in <see cref="Get"/>).</summary>
    public IReadOnlyList<KeyValuePair<string, JsonValue>> Properties { get; }
    public IReadOnlyList<JsonValue> Items { get; }

    public JsonValue? Get(string name)
    {
        foreach (var p in Properties) if (p.Key == name) return p.Value;
        return null;
    }

    /// <summary>An object's member, matched without regard to case (AWS names are PascalCase or camelCase by service).</summary>
    public JsonValue? GetIgnoreCase(string name)
    {
        foreach (var p in Properties) if (string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)) return p.Value;
        return null;
    }

    public string Describe() => Kind switch
    {
        JsonKind.Object => "an object",
        JsonKind.Array => "an array",
        JsonKind.String => $"the string \"{Shorten(Text)}\"",
        JsonKind.Number => $"the number {Text}",
        JsonKind.True => "true",
        JsonKind.False => "false",
        _ => "null",
    };

    private static string Shorten(string s) => s.Length <= 60 ? s : s[..57] + "...";

    public static string Join(string path, string name) =>
        name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-') ? (path.Length == 0 ? name : $"{path}.{name}") : $"{path}[\"{name}\"]";

    public static string Join(string path, int index) => string.Create(CultureInfo.InvariantCulture, $"{path}[{index}]");
}

/// <summary>Parses a JSON file into <see cref="JsonValue"/>s with positions. Malformed or truncated text becomes a
/// <see cref="ScenarioException"/> naming the file, line and column (from <see cref="JsonException.LineNumber"/> and
/// <see cref="JsonException.BytePositionInLine"/>).</summary>
/// <remarks>Accepts UTF-8 (with or without a byte order mark) and UTF-16 with a byte order mark, which is what
/// Windows PowerShell's <c>&gt;</c> writes. Nesting is limited to 64 levels, files to 64 MiB. Thread-safe.</remarks>
internal static partial class JsonTree
{
    public const long MaxFileBytes = 64L * 1024 * 1024;
    private const int MaxDepth = 64;

    /// <summary>Reads and parses <paramref name="path"/>; <paramref name="displayName"/> names it in errors.</summary>
    public static JsonValue ReadFile(string path, string? displayName = null)
    {
        string name = displayName ?? path;
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (Directory.Exists(path)) throw Error(name, 0, 0, $"'{path}' is a folder, not a file");
            if (!info.Exists) throw Error(name, 0, 0, $"file not found: '{Path.GetFullPath(path)}'");
            if (info.Length > MaxFileBytes) throw Error(name, 0, 0, $"the file is larger than {MaxFileBytes / (1024 * 1024)} MiB");
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw Error(name, 0, 0, $"cannot read the file: {ex.Message}");
        }
        return Parse(bytes, name);
    }

    /// <summary>Parses JSON text given as bytes.</summary>
    public static JsonValue Parse(byte[] bytes, string displayName)
    {
        var utf8 = ToUtf8(bytes);
        if (utf8.IsEmpty || utf8.ToArray().All(b => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            throw Error(displayName, 0, 0, "the file is empty: expected the JSON that the AWS CLI prints");
        var lines = LineStarts(utf8.Span);
        var reader = new Utf8JsonReader(utf8.Span, new JsonReaderOptions { MaxDepth = MaxDepth, CommentHandling = JsonCommentHandling.Skip, AllowMultipleValues = true });
        try
        {
            if (!reader.Read()) throw Error(displayName, 1, 1, "the file holds no JSON value");
            var root = ReadValue(ref reader, "", utf8.Span, lines);
            if (reader.Read())
            {
                var (line, column) = Position(utf8.Span, lines, reader.TokenStartIndex);
                throw Error(displayName, line, column, "more than one JSON value: expected the output of one AWS CLI command");
            }
            return root;
        }
        catch (JsonException ex)
        {
            int line = (int)Math.Min(int.MaxValue, (ex.LineNumber ?? 0) + 1);
            int column = (int)Math.Min(int.MaxValue, (ex.BytePositionInLine ?? 0) + 1);
            string message = PositionSuffix().Replace(ex.Message, "");
            // Truncated: the parser stopped where only white space remains.
            long offset = line - 1 < lines.Count ? lines[line - 1] + (column - 1) : utf8.Length;
            bool truncated = utf8.Span[(int)Math.Min(offset, utf8.Length)..].Trim(" \t\r\n"u8).IsEmpty
                             || message.Contains("reached end of data", StringComparison.Ordinal)
                             || message.Contains("depth to be zero", StringComparison.Ordinal);
            var first = utf8.Span.TrimStart(" \t\r\n"u8);
            string hint = first.IsEmpty || first[0] is (byte)'{' or (byte)'[' ? "" : " (save the AWS CLI's output as JSON: --output json)";
            throw Error(displayName, line, column, truncated ? $"not valid JSON (is the file truncated?): {message}" : $"not valid JSON: {message}{hint}");
        }
    }

    private static JsonValue ReadValue(ref Utf8JsonReader reader, string path, ReadOnlySpan<byte> text, List<int> lines)
    {
        var (line, column) = Position(text, lines, reader.TokenStartIndex);
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
            {
                var properties = new List<KeyValuePair<string, JsonValue>>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    string name = reader.GetString() ?? "";
                    reader.Read();
                    properties.Add(new(name, ReadValue(ref reader, JsonValue.Join(path, name), text, lines)));
                }
                return new JsonValue(JsonKind.Object, path, line, column, properties: properties);
            }
            case JsonTokenType.StartArray:
            {
                var items = new List<JsonValue>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    items.Add(ReadValue(ref reader, JsonValue.Join(path, items.Count), text, lines));
                return new JsonValue(JsonKind.Array, path, line, column, items: items);
            }
            case JsonTokenType.String:
                return new JsonValue(JsonKind.String, path, line, column, reader.GetString() ?? "");
            case JsonTokenType.Number:
                return new JsonValue(JsonKind.Number, path, line, column, Encoding.UTF8.GetString(reader.ValueSpan));
            case JsonTokenType.True:
                return new JsonValue(JsonKind.True, path, line, column);
            case JsonTokenType.False:
                return new JsonValue(JsonKind.False, path, line, column);
            default:
                return new JsonValue(JsonKind.Null, path, line, column);
        }
    }

    private static ReadOnlyMemory<byte> ToUtf8(byte[] bytes)
    {
        if (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF) return bytes.AsMemory(3);
        if (bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE) return Encoding.UTF8.GetBytes(Encoding.Unicode.GetString(bytes, 2, bytes.Length - 2));
        if (bytes.Length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF) return Encoding.UTF8.GetBytes(Encoding.BigEndianUnicode.GetString(bytes, 2, bytes.Length - 2));
        return bytes;
    }

    private static List<int> LineStarts(ReadOnlySpan<byte> text)
    {
        var starts = new List<int> { 0 };
        for (int i = 0; i < text.Length; i++) if (text[i] == (byte)'\n') starts.Add(i + 1);
        return starts;
    }

    /// <summary>1-based line and column (in characters) of a byte offset.</summary>
    private static (int Line, int Column) Position(ReadOnlySpan<byte> text, List<int> lines, long offset)
    {
        int index = lines.BinarySearch((int)offset);
        int line = index >= 0 ? index : ~index - 1;
        int start = lines[line];
        int column = Encoding.UTF8.GetCharCount(text[start..(int)offset]) + 1;
        return (line + 1, column);
    }

    public static ScenarioException Error(string file, int line, int column, string message, string field = "") =>
        new(new ScenarioError(file, line, column, field, message));

    [GeneratedRegex(@"\s*(Path: \$[^|]*\|\s*)?LineNumber: \d+ \| BytePositionInLine: \d+\.?\s*$")]
    private static partial Regex PositionSuffix();
}
