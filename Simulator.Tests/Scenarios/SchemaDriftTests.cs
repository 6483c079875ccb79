using System.Text.Json;
using DeploySim.Scenarios;

namespace DeploySim.Tests.Scenarios;

/// <summary>scenario.schema.json says what the loader accepts: same keys per shape, same word lists; and the loader
/// reads every key it declares.</summary>
public sealed class SchemaDriftTests
{
    private static readonly JsonElement Definitions = LoadDefinitions();

    private static JsonElement LoadDefinitions()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(ScenarioTestSupport.ScenariosDirectory, "scenario.schema.json")));
        return doc.RootElement.GetProperty("definitions").Clone();
    }

    private static IEnumerable<string> ScenarioShapes() => ScenarioFormat.Shapes.Keys.Where(k => !k.StartsWith("appspec", StringComparison.Ordinal));

    private static string[] PropertyNames(string definition) =>
        Definitions.GetProperty(definition).GetProperty("properties").EnumerateObject().Select(p => p.Name).ToArray();

    [TestCaseSource(nameof(ScenarioShapes))]
    public void Schema_ShapeProperties_MatchTheLoadersKeys(string shape) =>
        Assert.That(PropertyNames(shape), Is.EquivalentTo(ScenarioFormat.Shapes[shape]));

    [Test]
    public void Schema_EveryClosedObject_IsAShapeTheLoaderKnows()
    {
        var closed = Definitions.EnumerateObject()
            .Where(d => d.Value.TryGetProperty("additionalProperties", out var a) && a.ValueKind == JsonValueKind.False)
            .Select(d => d.Name);
        Assert.That(closed, Is.EquivalentTo(ScenarioShapes().Append("hooks")));
    }

    [Test]
    public void Schema_Hooks_ListTheScriptableEvents() =>
        Assert.That(PropertyNames("hooks"), Is.EqualTo(ScenarioFormat.ScriptableEvent.Words));

    private static IEnumerable<string> WordLists() => ScenarioFormat.AllKeywords.Select(k => k.SchemaName);

    [TestCaseSource(nameof(WordLists))]
    public void Schema_Enum_MatchesTheLoadersWords(string schemaName)
    {
        var words = ScenarioFormat.AllKeywords.Single(k => k.SchemaName == schemaName);
        var schemaWords = Definitions.GetProperty(words.SchemaName).GetProperty("enum").EnumerateArray().Select(e => e.GetString()).ToArray();
        Assert.That(schemaWords, Is.EqualTo(words.Words));
    }

    [Test]
    public void Schema_EveryEnumDefinition_IsAWordListTheLoaderKnows()
    {
        var enums = Definitions.EnumerateObject().Where(d => d.Value.TryGetProperty("enum", out _)).Select(d => d.Name);
        Assert.That(enums, Is.EquivalentTo(ScenarioFormat.AllKeywords.Select(k => k.SchemaName)));
    }

    /// <summary>The complete fixtures between them make the loader ask for every key it declares (scenario and
    /// appspec), so a declared key that the mapper forgets to read fails here.</summary>
    [Test]
    public void Mapper_CompleteFixtures_ReadEveryDeclaredKey()
    {
        var read = new HashSet<string>(StringComparer.Ordinal);
        foreach (var fixture in new[] { "complete.yaml", "complete-inline-hooks.yaml", "complete-pipeline.yaml" })
        {
            var (scenario, ctx) = ScenarioDocument.Read(Path.Combine(ScenarioTestSupport.FixturesDirectory, fixture)).MapWithContext();
            Assert.That(ctx.Errors, Is.Empty, fixture);
            Assert.That(scenario, Is.Not.Null);
            read.UnionWith(ctx.ReadKeys);
        }
        var declared = ScenarioFormat.Shapes.SelectMany(s => s.Value.Select(k => $"{s.Key}.{k}"));
        Assert.That(declared.Where(k => !read.Contains(k)), Is.Empty);
    }

    [Test]
    public void ScenarioFiles_AllPointAtTheSchema()
    {
        foreach (var file in Directory.EnumerateFiles(ScenarioTestSupport.ScenariosDirectory, "*.yaml"))
            Assert.That(File.ReadLines(file).First(), Is.EqualTo("# yaml-language-server: $schema=./scenario.schema.json"), file);
    }
}
