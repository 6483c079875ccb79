using System.Globalization;
using DeploySim.Engine;

namespace DeploySim.Scenarios;

/// <summary>Whether a distribution's values are durations (built in milliseconds) or plain numbers.</summary>
internal enum DistributionUnit { Duration, Number }

/// <summary>Reads a distribution: a plain value (constant), or exactly one of <c>uniform: [a, b]</c>,
/// <c>normal: {mean, sd}</c>, <c>lognormal: {median, p90}</c>, <c>exponential: {mean}</c>, <c>empirical: [values]</c>
/// or <c>empirical: file.csv</c> (relative to the scenario file; one or more values per line, comma-separated,
/// <c>#</c> comments, an optional header line without digits).</summary>
internal static class DistributionReader
{
    public const int MaxEmpiricalValues = 1_000_000;
    private const int MaxFileErrors = 20;

    public static bool Read(ReadContext ctx, YamlNode node, string field, DistributionUnit unit, out Distribution result)
    {
        result = Distribution.Constant(0);
        switch (node)
        {
            case YamlScalar:
                return Value(ctx, node, field, unit, out double c) && Build(ctx, node, field, () => Distribution.Constant(c), out result);
            case YamlMapping map:
                return FromMapping(ctx, map, field, unit, out result);
            default:
                ctx.Error(node, field, $"wrong type: expected {Expected(unit)}, got {node.Describe()}");
                return false;
        }
    }

    private static string Expected(DistributionUnit unit) =>
        (unit == DistributionUnit.Duration ? "a duration such as 30s" : "a number")
        + " or a distribution (uniform, normal, lognormal, exponential or empirical)";

    private static bool FromMapping(ReadContext ctx, YamlMapping map, string field, DistributionUnit unit, out Distribution result)
    {
        result = Distribution.Constant(0);
        var r = new ObjectReader(ctx, map, field, "distribution");
        var kinds = ScenarioFormat.Shapes["distribution"].Where(k => r.Get(k) is not null).ToList();
        if (kinds.Count == 0 && map.Entries.Count > 0) return false; // the unknown key was reported
        if (kinds.Count != 1)
        {
            var listed = string.Join(", ", ScenarioFormat.Shapes["distribution"]);
            ctx.Error(map, field, kinds.Count == 0
                ? $"expected exactly one of {listed}"
                : $"expected exactly one of {listed}, got {string.Join(" and ", kinds)}");
            return false;
        }
        string kind = kinds[0];
        var node = r.Get(kind)!;
        string f = r.Field(kind);
        switch (kind)
        {
            case "uniform":
            {
                if (node is not YamlSequence { Items.Count: 2 } seq)
                {
                    ctx.Error(node, f, $"expected a list of two values [low, high], got {Count(node)}");
                    return false;
                }
                bool ok = Value(ctx, seq.Items[0], ReadContext.Join(f, 0), unit, out double a)
                    & Value(ctx, seq.Items[1], ReadContext.Join(f, 1), unit, out double b);
                return ok && Build(ctx, node, f, () => Distribution.Uniform(a, b), out result);
            }
            case "normal":
            {
                if (Parameters(ctx, node, f, "normal", unit, "mean", "sd") is not { } p) return false;
                return Build(ctx, node, f, () => Distribution.Normal(p[0], p[1]), out result);
            }
            case "lognormal":
            {
                if (Parameters(ctx, node, f, "lognormal", unit, "median", "p90") is not { } p) return false;
                return Build(ctx, node, f, () => Distribution.LogNormal(p[0], p[1]), out result);
            }
            case "exponential":
            {
                if (Parameters(ctx, node, f, "exponential", unit, "mean") is not { } p) return false;
                return Build(ctx, node, f, () => Distribution.Exponential(p[0]), out result);
            }
            default:
                return Empirical(ctx, node, f, unit, out result);
        }
    }

    private static string Count(YamlNode node) => node is YamlSequence s ? $"a list of {s.Items.Count}" : node.Describe();

    private static double[]? Parameters(ReadContext ctx, YamlNode node, string field, string shape, DistributionUnit unit, params string[] names)
    {
        if (node is not YamlMapping map)
        {
            ctx.Error(node, field, $"wrong type: expected a mapping {{{string.Join(", ", names)}}}, got {node.Describe()}");
            return null;
        }
        var r = new ObjectReader(ctx, map, field, shape);
        var values = new double[names.Length];
        bool ok = true;
        for (int i = 0; i < names.Length; i++)
        {
            var v = r.Get(names[i]);
            if (v is null)
            {
                r.Missing(names[i]);
                ok = false;
            }
            else
            {
                ok &= Value(ctx, v, r.Field(names[i]), unit, out values[i]);
            }
        }
        return ok ? values : null;
    }

    private static bool Empirical(ReadContext ctx, YamlNode node, string field, DistributionUnit unit, out Distribution result)
    {
        result = Distribution.Constant(0);
        var values = new List<double>();
        bool ok = true;
        if (node is YamlSequence seq)
        {
            for (int i = 0; i < seq.Items.Count; i++)
            {
                ok &= Value(ctx, seq.Items[i], ReadContext.Join(field, i), unit, out double v);
                values.Add(v);
            }
        }
        else if (node is YamlScalar { IsNull: false } file)
        {
            if (!ctx.Files.TryRead(file.Value, out var display, out var text, out var error))
            {
                ctx.Error(node, field, error);
                return false;
            }
            ok = ParseFile(ctx, text, display, field, unit, values);
        }
        else
        {
            ctx.Error(node, field, $"wrong type: expected a list of values or a file name, got {node.Describe()}");
            return false;
        }
        if (!ok) return false;
        if (values.Count == 0)
        {
            ctx.Error(node, field, "an empirical distribution needs at least one value");
            return false;
        }
        return Build(ctx, node, field, () => Distribution.Empirical(values), out result);
    }

    private static bool ParseFile(ReadContext ctx, string text, string display, string field, DistributionUnit unit, List<double> values)
    {
        int errors = 0;
        bool sawData = false;
        var lines = text.Split('\n');
        for (int li = 0; li < lines.Length && errors < MaxFileErrors; li++)
        {
            var line = lines[li];
            int hash = line.IndexOf('#', StringComparison.Ordinal);
            if (hash >= 0) line = line[..hash];
            if (line.Trim().Length == 0) continue;
            if (!sawData && !line.Any(char.IsAsciiDigit)) continue; // a header line
            sawData = true;
            int column = 0;
            foreach (var cell in line.Split(','))
            {
                string t = cell.Trim();
                int col = column + cell.Length - cell.TrimStart().Length + 1;
                column += cell.Length + 1;
                if (t.Length == 0) continue;
                if (values.Count >= MaxEmpiricalValues)
                {
                    ScenarioError.Report(ctx.Errors, new ScenarioError(display, li + 1, col, field, $"more than {MaxEmpiricalValues} values"));
                    return false;
                }
                if (ParseText(t, unit, out double v, out string error))
                {
                    values.Add(v);
                }
                else
                {
                    ScenarioError.Report(ctx.Errors, new ScenarioError(display, li + 1, col, field, error));
                    errors++;
                }
            }
        }
        return errors == 0;
    }

    private static bool ParseText(string text, DistributionUnit unit, out double value, out string error)
    {
        value = 0;
        if (unit == DistributionUnit.Duration)
        {
            bool ok = SimDuration.TryParse(text, out var d, out error);
            value = d.Milliseconds;
            return ok;
        }
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value) && value >= 0)
        {
            error = "";
            return true;
        }
        error = $"'{text}' is not a number of zero or more";
        return false;
    }

    /// <summary>One value of a distribution: a duration in milliseconds, or a number ≥ 0.</summary>
    private static bool Value(ReadContext ctx, YamlNode node, string field, DistributionUnit unit, out double value)
    {
        value = 0;
        if (unit == DistributionUnit.Duration)
        {
            bool ok = ScalarReader.Duration(ctx, node, field, DurationRange.Any, out var d);
            value = d.Milliseconds;
            return ok;
        }
        return ScalarReader.Number(ctx, node, field, 0, double.MaxValue, "must be zero or more", out value);
    }

    private static bool Build(ReadContext ctx, YamlNode node, string field, Func<Distribution> make, out Distribution result)
    {
        try
        {
            result = make();
            return true;
        }
        catch (ArgumentException ex)
        {
            ctx.Error(node, field, ex.Message);
            result = Distribution.Constant(0);
            return false;
        }
    }
}
