using System.CommandLine;

namespace DeploySim.Cli;

/// <summary>Builds the command tree: <c>deploysim [validate|run|compare|sweep|plan]</c>. One line per subcommand.</summary>
internal static class Commands
{
    public static RootCommand Build(CliContext context)
    {
        var root = new RootCommand(
            "DeploySim: deterministic simulation of CodeDeploy / Auto Scaling / ALB rollouts.\n" +
            "With no command: the source article's fleet (12 × 8 GiB, unicorn, 30 s / 10 health checks) compared across\n" +
            "in-place, blue/green and graceful restart; the options below apply to it.\n\n" +
            "Exit codes: 0 success (also when a simulated deployment fails), 1 invalid scenario or failed simulation,\n" +
            "2 usage error, 130 interrupted.");
        root.WithExamples(
            "deploysim",
            "deploysim --replications 50 --out out/",
            "deploysim validate scenarios/*.yaml",
            "deploysim run scenarios/source-article.yaml --replications 50 --out out/",
            "deploysim compare scenarios/source-article.yaml --json",
            "deploysim sweep scenarios/source-article.yaml --vary targetGroups[0].healthCheck.interval=5s,10s,30s",
            "deploysim plan scenarios/source-article.yaml --demand 2000 --instance-memory 4GiB,8GiB",
            "deploysim run scenarios/source-article.yaml --shard 2/8 --out out/ && deploysim merge out/ --out merged/");
        DefaultJob.Configure(root, context);
        root.Subcommands.Add(ValidateCommand.Create(context));
        root.Subcommands.Add(RunCommand.Create(context));
        root.Subcommands.Add(CompareCommand.Create(context));
        root.Subcommands.Add(SweepCommand.Create(context));
        root.Subcommands.Add(PlanCommand.Create(context));
        root.Subcommands.Add(ImportCommand.Create(context));
        root.Subcommands.Add(FitCommand.Create(context));
        root.Subcommands.Add(ReplayCommand.Create(context));
        root.Subcommands.Add(MergeCommand.Create(context));
        HelpExamples.Install(root);
        return root;
    }
}
