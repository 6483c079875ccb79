namespace DeploySim.Scenarios;

/// <summary>A closed set of words a field accepts, each mapped to a value (an enum member, usually).</summary>
/// <param name="SchemaName">Name of the matching <c>$defs</c> entry in scenario.schema.json.</param>
/// <param name="What">What a value is, for messages ("a strategy").</param>
/// <param name="items">Each accepted word and its value.</param>
internal sealed class Keywords<T>(string SchemaName, string What, params (string Word, T Value)[] items) : IKeywords
{
    public string SchemaName { get; } = SchemaName;
    public string What { get; } = What;
    public IReadOnlyList<string> Words { get; } = items.Select(i => i.Word).ToArray();

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

    /// <summary>The word for a value (first match), for messages.</summary>
    public string WordOf(T value) => items.First(i => EqualityComparer<T>.Default.Equals(i.Value, value)).Word;
}

/// <summary>Non-generic view of <see cref="Keywords{T}"/> for the schema drift test.</summary>
internal interface IKeywords
{
    string SchemaName { get; }
    IReadOnlyList<string> Words { get; }
}
