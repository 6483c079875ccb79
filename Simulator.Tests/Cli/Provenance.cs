using System.Text.Json;
using System.Text.Json.Nodes;

namespace DeploySim.Tests.Cli;

/// <summary>summary.json less its <c>provenance</c> key, written as <c>--json</c> writes it.</summary>
internal static class Provenance
{
    public static string Without(string summaryJson)
    {
        var node = JsonNode.Parse(summaryJson)!.AsObject();
        Assert.That(node.Remove("provenance"), Is.True, "summary.json has a provenance");
        return node.ToJsonString(new JsonSerializerOptions
        {
            WriteIndented = true,
            IndentSize = 2,
            NewLine = "\n",
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }) + "\n";
    }
}
