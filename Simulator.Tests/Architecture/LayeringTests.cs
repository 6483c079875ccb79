using System.Reflection;
using System.Text.RegularExpressions;

namespace DeploySim.Tests.Architecture;

/// <summary>Keeps the engine free of the layers above it: it knows nothing of AWS, the application, scenarios or reporting.</summary>
public sealed partial class LayeringTests
{
    private static readonly Assembly Simulator = typeof(DeploySim.Engine.Simulation).Assembly;

    [Test]
    public void EngineTypes_ReferenceNoTypeAboveTheEngine()
    {
        var offenders = new List<string>();
        foreach (var type in Simulator.GetTypes().Where(t => t.Namespace == "DeploySim.Engine"))
        {
            const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            var referenced = new List<Type?> { type.BaseType };
            referenced.AddRange(type.GetInterfaces());
            referenced.AddRange(type.GetFields(all).Select(f => f.FieldType));
            referenced.AddRange(type.GetProperties(all).Select(p => p.PropertyType));
            foreach (var m in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
            {
                if (m is MethodInfo mi) referenced.Add(mi.ReturnType);
                referenced.AddRange(m.GetParameters().Select(p => p.ParameterType));
                referenced.AddRange(m.GetMethodBody()?.LocalVariables.Select(l => l.LocalType) ?? []);
            }
            foreach (var r in referenced.Where(r => r is not null).SelectMany(Flatten))
                if (r.Assembly == Simulator && r.Namespace is { } ns && ns.StartsWith("DeploySim", StringComparison.Ordinal) && ns != "DeploySim.Engine")
                    offenders.Add($"{type.FullName} -> {r.FullName}");
        }
        Assert.That(offenders, Is.Empty);
    }

    [Test]
    public void EngineSources_NameNoNamespaceAboveTheEngine()
    {
        var dir = Path.Combine(RepositoryRoot(), "Simulator", "Engine");
        var offenders = Directory.EnumerateFiles(dir, "*.cs", SearchOption.AllDirectories)
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, line, i)))
            .Where(x => ForeignNamespace().IsMatch(x.line))
            .Select(x => $"{Path.GetFileName(x.f)}:{x.i + 1}: {x.line.Trim()}")
            .ToList();
        Assert.That(offenders, Is.Empty);
    }

    private static IEnumerable<Type> Flatten(Type? t)
    {
        if (t is null) yield break;
        yield return t;
        if (t.HasElementType) foreach (var e in Flatten(t.GetElementType())) yield return e;
        if (t.IsGenericType) foreach (var a in t.GetGenericArguments().SelectMany(Flatten)) yield return a;
    }

    internal static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DeploySim.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("DeploySim.sln not found above the test directory");
    }

    [GeneratedRegex(@"\bDeploySim\.(?!Engine\b)[A-Z]\w*")]
    private static partial Regex ForeignNamespace();
}
