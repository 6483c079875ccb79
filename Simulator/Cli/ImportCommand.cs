using System.CommandLine;
using DeploySim.Import;

namespace DeploySim.Cli;

/// <summary><c>deploysim import</c>: a scenario from saved AWS CLI outputs and an appspec.yml (no credentials, no network).</summary>
internal static class ImportCommand
{
    public static Command Create(CliContext ctx)
    {
        var asg = new Option<FileInfo[]>("--asg")
        {
            Description = "Output of 'aws autoscaling describe-auto-scaling-groups' (JSON; repeatable): each group it describes becomes a fleet",
            AllowMultipleArgumentsPerToken = false,
        };
        var hooks = new Option<FileInfo?>("--lifecycle-hooks") { Description = "Output of 'aws autoscaling describe-lifecycle-hooks'" };
        var targetGroups = new Option<FileInfo?>("--target-groups") { Description = "Output of 'aws elbv2 describe-target-groups'" };
        var attributes = new Option<string[]>("--target-group-attributes")
        {
            Description = "NAME=FILE: output of 'aws elbv2 describe-target-group-attributes' for the target group NAME (name or ARN; repeatable)",
            AllowMultipleArgumentsPerToken = false,
        };
        var group = new Option<FileInfo?>("--deployment-group") { Description = "Output of 'aws deploy get-deployment-group' or 'batch-get-deployment-groups' (each group a fleet)" };
        var alarms = new Option<FileInfo?>("--alarms") { Description = "Output of 'aws cloudwatch describe-alarms' for the deployment group's alarms (alarmConfiguration)" };
        var config = new Option<FileInfo?>("--deployment-config") { Description = "Output of 'aws deploy get-deployment-config'" };
        var appspec = new Option<FileInfo?>("--appspec") { Description = "The application's appspec.yml (its hooks become the scenario's)" };
        var appspecFile = new Option<bool>("--appspec-file") { Description = "Reference the appspec as a file next to the scenario (copied there) instead of writing it inline under deployment.appspec" };
        var output = new Option<FileInfo>("--out") { Description = "Scenario file to write (YAML)", Required = true };
        var command = new Command("import",
            "Write a scenario from the JSON that the AWS CLI prints (any subset of the inputs) and an appspec.yml.\n" +
            "Fields the inputs do not determine get the simulator's default, with a comment saying so.\n\n" +
            "Examples:\n" +
            "  aws autoscaling describe-auto-scaling-groups --auto-scaling-group-names web > asg.json\n" +
            "  aws deploy get-deployment-group --application-name app --deployment-group-name web > dg.json\n" +
            "  deploysim import --asg asg.json --deployment-group dg.json --appspec appspec.yml --out web.yaml\n" +
            "  deploysim import --asg asg.json --lifecycle-hooks hooks.json --target-groups tgs.json \\\n" +
            "    --target-group-attributes api=api-attributes.json --deployment-group dg.json --deployment-config config.json \\\n" +
            "    --appspec appspec.yml --out web.yaml")
        {
            asg, hooks, targetGroups, attributes, group, config, alarms, appspec, appspecFile, output,
        };
        command.SetAction(p =>
        {
            var pairs = new List<KeyValuePair<string, string>>();
            foreach (var text in p.GetValue(attributes) ?? [])
            {
                int eq = text.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0 || eq == text.Length - 1)
                    throw new UsageException($"--target-group-attributes: '{text}' is not NAME=FILE (the attributes output does not name its target group)");
                pairs.Add(new(text[..eq], text[(eq + 1)..]));
            }
            var request = new ImportRequest
            {
                AutoScalingGroups = [.. (p.GetValue(asg) ?? []).Select(f => f.ToString())],
                LifecycleHooks = p.GetValue(hooks)?.ToString(),
                TargetGroups = p.GetValue(targetGroups)?.ToString(),
                TargetGroupAttributes = pairs,
                DeploymentGroup = p.GetValue(group)?.ToString(),
                DeploymentConfig = p.GetValue(config)?.ToString(),
                Alarms = p.GetValue(alarms)?.ToString(),
                AppSpec = p.GetValue(appspec)?.ToString(),
                AppSpecFile = p.GetValue(appspecFile),
                Out = p.GetValue(output)!.ToString(),
            };
            if (request is { AutoScalingGroups.Count: 0, LifecycleHooks: null, TargetGroups: null, DeploymentGroup: null, DeploymentConfig: null, Alarms: null, AppSpec: null }
                && pairs.Count == 0)
                throw new UsageException("import: give at least one input (--asg, --lifecycle-hooks, --target-groups, --target-group-attributes, --deployment-group, --deployment-config, --alarms or --appspec)");
            var result = DeploySim.Reporting.ImportFiles.Import(request);
            ctx.Out.WriteLine($"deploysim: wrote {request.Out}" + (result.AppSpecCopy is { } copy ? $" and {Path.GetFileName(copy)}" : ""));
            foreach (var note in result.Notes) ctx.Out.WriteLine($"  note: {note}");
            // As validate reports it (stderr, file:line:column: field: message); the file is written: it is what the account holds.
            foreach (var problem in result.Problems) ctx.Error.WriteLine(problem.ToString());
            if (result.Problems.Count > 0)
                ctx.Out.WriteLine($"  note: {request.Out} holds what the inputs say, so validate and run refuse it until the deployment configuration or the fleet changes (see the error above)");
            return CommandLineTool.Ok;
        });
        return command;
    }
}
