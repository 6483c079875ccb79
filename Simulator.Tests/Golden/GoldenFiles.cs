using System.Text;
using DeploySim.Tests.Architecture;

namespace DeploySim.Tests.Golden;

/// <summary>Golden files in <c>Simulator.Tests/GoldenFiles/</c> of the source tree (never bin/): <c>&lt;name&gt;.verified.json</c>
/// is the accepted text; a mismatch writes <c>&lt;name&gt;.received.json</c> beside it and fails with the differing fields.</summary>
/// <remarks><c>scripts/accept-goldens.sh</c> moves the received files over the verified ones. Texts are compared exactly,
/// after normalising line endings to <c>\n</c> (a checkout with CRLF line endings still matches).</remarks>
internal static class GoldenFiles
{
    public const string AcceptCommand = "scripts/accept-goldens.sh";
    private const int MaxListedDifferences = 40;

    public static string Directory => Path.Combine(LayeringTests.RepositoryRoot(), "Simulator.Tests", "GoldenFiles");

    public static string VerifiedPath(string name, string? directory = null) => Path.Combine(directory ?? Directory, name + ".verified.json");

    public static string ReceivedPath(string name, string? directory = null) => Path.Combine(directory ?? Directory, name + ".received.json");

    /// <summary>Passes when <paramref name="received"/> equals the verified text of <paramref name="name"/> (and deletes a
    /// stale received file); otherwise writes the received file and fails with the differences.</summary>
    /// <remarks>The folder is <see cref="Directory"/> unless <paramref name="directory"/> says otherwise (tests of this
    /// helper use a temporary one).</remarks>
    public static void Verify(string name, string received, string? directory = null)
    {
        var verifiedPath = VerifiedPath(name, directory);
        var receivedPath = ReceivedPath(name, directory);
        string? verified = File.Exists(verifiedPath) ? File.ReadAllText(verifiedPath).ReplaceLineEndings("\n") : null;
        if (verified is not null && string.Equals(verified, received, StringComparison.Ordinal))
        {
            if (File.Exists(receivedPath)) File.Delete(receivedPath);
            return;
        }
        File.WriteAllText(receivedPath, received, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        Assert.Fail(verified is null
            ? $"No golden file yet for '{name}': wrote {Relative(receivedPath)}.\nReview it, then run {AcceptCommand} to accept it."
            : MismatchMessage(name, verified, received, receivedPath));
    }

    /// <summary>The failure text for a mismatch: every differing field with its old and new value.</summary>
    public static string MismatchMessage(string name, string verified, string received, string receivedPath)
    {
        var differences = JsonDiff.Compare(verified, received);
        var text = new StringBuilder();
        text.Append("Golden mismatch for '").Append(name).Append("': ");
        if (differences.Count == 0)
        {
            text.Append("every field has its old value, but the text differs (key order or formatting).\n");
        }
        else
        {
            text.Append(differences.Count).Append(differences.Count == 1 ? " field differs" : " fields differ").Append(" (path: old -> new):\n");
            foreach (var d in differences.Take(MaxListedDifferences)) text.Append("  ").Append(d).Append('\n');
            if (differences.Count > MaxListedDifferences) text.Append("  ... and ").Append(differences.Count - MaxListedDifferences).Append(" more\n");
        }
        text.Append("Wrote ").Append(Relative(receivedPath)).Append(".\n")
            .Append("If the change is intended (a deliberate model change), run ").Append(AcceptCommand)
            .Append(" and explain the change in the commit message; an unexplained drift is a bug (see README, Golden files).");
        return text.ToString();
    }

    private static string Relative(string path) => Path.GetRelativePath(LayeringTests.RepositoryRoot(), path).Replace('\\', '/');
}
