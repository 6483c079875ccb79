using System.CommandLine;

namespace DeploySim.Cli;

/// <summary><c>deploysim</c> with no command: the built-in default (the source article's final, working flow) compared across the
/// three strategies. Takes the options of <c>compare</c>; <c>--set</c> changes the built-in scenario.</summary>
internal static class DefaultJob
{
    public static void Configure(RootCommand root, CliContext ctx)
    {
        var strategies = CompareCommand.StrategiesOption();
        var options = new CommonOptions();
        root.Options.Add(strategies);
        options.AddTo(root);
        options.AddReplicationTo(root);
        root.SetAction(p => CompareCommand.Execute(ctx, options, p, file: null, StrategyNames.ParseList(p.GetValue(strategies), "deploysim"), "deploysim"));
    }
}
