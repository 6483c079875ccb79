using System.CommandLine;
using System.Globalization;
using DeploySim.Scenarios;

namespace DeploySim.Cli;

/// <summary><c>deploysim validate FILE...</c>: every problem in every file, one per line on stderr as
/// <c>file:line:column: field: message</c>, then its warnings (<c>warning: file:line:column: ...</c>); <c>FILE: ok</c> on
/// stdout for each valid file. Exit 1 if any problem; <c>--strict</c> counts warnings as problems.</summary>
internal static class ValidateCommand
{
    public static Command Create(CliContext ctx)
    {
        var files = CliValues.ScenarioFiles();
        var set = new Option<string[]>("--set") { Description = "Override a field by its path before validating (repeatable)", HelpName = "path=value" };
        var strict = CommonOptions.StrictOption();
        var command = new Command("validate", "Check scenario files and report every problem, as file:line:column: field: message")
        {
            files,
            set,
            strict,
        }.WithExamples(
            "deploysim validate scenarios/*.yaml",
            "deploysim validate --strict my-fleet.yaml",
            "deploysim validate my-fleet.yaml --set unicorn.workers=12");
        command.SetAction(p =>
        {
            int problems = 0, bad = 0;
            var paths = p.GetValue(files) ?? [];
            foreach (var file in paths)
            {
                ctx.Cancellation.ThrowIfCancellationRequested();
                var (errors, warnings) = ScenarioLoader.Check(file, p.GetValue(set));
                if (p.GetValue(strict)) (errors, warnings) = ([.. errors, .. CommonOptions.AsErrors(warnings)], []);
                foreach (var e in errors) ctx.Error.WriteLine(e.ToString());
                foreach (var w in warnings) ctx.Error.WriteLine($"warning: {w}");   // after the errors: the first line says what fails
                if (errors.Count == 0) ctx.Out.WriteLine($"{file}: ok");
                else bad++;
                problems += errors.Count;
            }
            if (problems == 0) return CommandLineTool.Ok;
            ctx.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"deploysim: {problems} problem{(problems == 1 ? "" : "s")} in {bad} of {paths.Length} file{(paths.Length == 1 ? "" : "s")}"));
            return CommandLineTool.Invalid;
        });
        return command;
    }
}
