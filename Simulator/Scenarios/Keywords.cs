namespace DeploySim.Scenarios;

/// <summary>A closed set of words a field accepts, each mapped to a value (an enum member, usually).</summary>
/// <param name="SchemaName">Name of the matching <c>$defs</c> entry in scenario.schema.json.</param>
/// <param name="What">What a value is, for messages ("a strategy").</param>
/// <param name="items">Each accepted word and its value.</param>
internal sealed class Keywords<T>(string SchemaName, string What, params (string Word, T Value)[] items) : IKeywords
{
    public string SchemaName { get; } = SchemaName;
    public string What { get; } = What;
    public IReadOnlyList<string> Words { get; } = WordsOf(items);

    public bool TryGet(string word, out T value)
    {
        foreach (var (w, v) in items)
        {
            if (string.Equals(w, word, StringComparison.Ordinal))
            {
                value = v;
                return true;
            }
        }
        value = default!;
        return false;
    }

    /// <summary>A plain loop, not LINQ: a LINQ iterator over (string, enum) pairs is compiled at start-up for each of the
    /// format's twenty word sets (README, "Parallel replications").</summary>
    private static string[] WordsOf((string Word, T Value)[] items)
    {
        var words = new string[items.Length];
        for (int i = 0; i < items.Length; i++) words[i] = items[i].Word;
        return words;
    }

    /// <summary>The word for a value (first match), for messages.</summary>
    public string WordOf(T value) => items.First(i => EqualityComparer<T>.Default.Equals(i.Value, value)).Word;
}

/// <summary>Non-generic view of <see cref="Keywords{T}"/> for the schema drift test.</summary>
internal interface IKeywords
{
    string SchemaName { get; }
    IReadOnlyList<string> Words { get; }
}
