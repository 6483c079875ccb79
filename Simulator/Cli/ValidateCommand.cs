using System.CommandLine;
using DeploySim.Scenarios;

namespace DeploySim.Cli;

/// <summary><c>deploysim validate FILE...</c>: every problem in every file, as <c>file:line:column: field: message</c>.</summary>
internal static class ValidateCommand
{
    public static Command Create(CliContext ctx)
    {
        var files = new Argument<FileInfo[]>("files") { Description = "Scenario files", Arity = ArgumentArity.OneOrMore };
        var set = new Option<string[]>("--set") { Description = "Override a field by its path before validating (repeatable)" };
        var command = new Command("validate", "Check scenario files and report every problem found.\n\nExample:\n  deploysim validate scenarios/*.yaml") { files, set };
        command.SetAction(p =>
        {
            int problems = 0;
            foreach (var file in p.GetValue(files) ?? [])
            {
                var errors = ScenarioLoader.Validate(file.FullName, p.GetValue(set));
                foreach (var e in errors) ctx.Error.WriteLine(e.ToString());
                if (errors.Count == 0) ctx.Out.WriteLine($"{file.FullName}: ok");
                problems += errors.Count;
            }
            return problems == 0 ? App.Ok : App.Invalid;
        });
        return command;
    }
}
