using DeploySim.Import;

namespace DeploySim.Reporting;

/// <summary>Writes what <c>import</c> and <c>fit</c> produce (the Import layer builds text; only Reporting and Cli write files).</summary>
internal static class ImportFiles
{
    /// <summary>Builds the imported scenario and writes it (and the appspec copy) atomically.</summary>
    public static ImportResult Import(ImportRequest request)
    {
        var plan = ScenarioImporter.Build(request);
        var outFull = Path.GetFullPath(request.Out);
        Directory.CreateDirectory(Path.GetDirectoryName(outFull) ?? ".");
        if (plan.AppSpecCopy is { } copy) AtomicFile.WriteAllText(copy.Path, copy.Text);
        AtomicFile.WriteAllText(outFull, plan.Text);
        return new ImportResult(outFull, plan.AppSpecCopy?.Path, plan.Text, plan.Notes, plan.Problems);
    }

    /// <summary>Fits the scenario and writes <paramref name="outPath"/> atomically.</summary>
    public static FitResult Fit(string scenarioPath, DeploymentHistory history, string outPath, IReadOnlyList<string> targetFiles)
    {
        var result = ScenarioFitter.Fit(scenarioPath, history, outPath, targetFiles);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outPath)) ?? ".");
        AtomicFile.WriteAllText(outPath, result.Text);
        return result;
    }
}
