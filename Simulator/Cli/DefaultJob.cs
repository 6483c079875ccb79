using System.CommandLine;
using DeploySim.Scenarios;

namespace DeploySim.Cli;

/// <summary><c>deploysim</c> with no command: the built-in default (the source article's fleet) compared across the three strategies.</summary>
internal static class DefaultJob
{
    public static void Configure(RootCommand root, CliContext ctx)
    {
        var options = new CommonOptions();
        options.AddTo(root);
        root.SetAction(p => CompareCommand.Execute(ctx, options, p, options.Load(p, file: null), Enum.GetValues<StrategyKind>()));
    }
}
