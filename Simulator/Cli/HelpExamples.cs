using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Runtime.CompilerServices;

namespace DeploySim.Cli;

/// <summary>Adds an "Examples:" section to each command's <c>--help</c>, after System.CommandLine's own text.</summary>
/// <remarks>Examples stay out of the command descriptions so that the root's command list stays one line each.</remarks>
internal static class HelpExamples
{
    private static readonly ConditionalWeakTable<Command, string[]> s_examples = [];

    /// <summary>Sets the examples that <c>--help</c> prints for <paramref name="command"/>.</summary>
    public static T WithExamples<T>(this T command, params string[] examples)
        where T : Command
    {
        s_examples.AddOrUpdate(command, examples);
        return command;
    }

    /// <summary>Makes the root's help option print the examples of the command asked about.</summary>
    public static void Install(RootCommand root)
    {
        foreach (var help in root.Options.OfType<HelpOption>())
        {
            if (help.Action is { } inner) help.Action = new Action(inner);
        }
    }

    private sealed class Action(CommandLineAction inner) : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            int code = inner is SynchronousCommandLineAction sync ? sync.Invoke(parseResult) : 0;
            if (s_examples.TryGetValue(parseResult.CommandResult.Command, out var examples) && examples.Length > 0)
            {
                var output = parseResult.InvocationConfiguration.Output;
                output.WriteLine("Examples:");
                foreach (var e in examples) output.WriteLine($"  {e}");
                output.WriteLine();
            }
            return code;
        }
    }
}
