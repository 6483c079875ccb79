using System.CommandLine;

namespace DeploySim.Cli;

/// <summary>Builds the command tree: <c>deploysim [validate|run|compare|sweep|plan]</c>.</summary>
internal static class Commands
{
    public static RootCommand Build(CliContext context)
    {
        var root = new RootCommand(
            "DeploySim: deterministic simulation of CodeDeploy / Auto Scaling / ALB rollouts.\n" +
            "With no command: the source article's fleet (12 × 8 GiB, unicorn, 30 s / 10 health checks) compared across\n" +
            "in-place, blue/green and graceful restart.\n\n" +
            "Examples:\n" +
            "  deploysim\n" +
            "  deploysim validate scenarios/*.yaml\n" +
            "  deploysim run scenarios/source-article.yaml --replications 50 --out out/\n" +
            "  deploysim compare scenarios/source-article.yaml --json\n" +
            "  deploysim sweep scenarios/source-article.yaml --vary targetGroups[0].healthCheck.interval=5s,10s,30s\n" +
            "  deploysim plan scenarios/source-article.yaml --demand 2000 --instance-memory 4GiB,8GiB");
        DefaultJob.Configure(root, context);
        root.Subcommands.Add(ValidateCommand.Create(context));
        root.Subcommands.Add(RunCommand.Create(context));
        root.Subcommands.Add(CompareCommand.Create(context));
        root.Subcommands.Add(SweepCommand.Create(context));
        root.Subcommands.Add(PlanCommand.Create(context));
        root.Subcommands.Add(ImportCommand.Create(context));
        root.Subcommands.Add(FitCommand.Create(context));
        root.Subcommands.Add(ReplayCommand.Create(context));
        return root;
    }
}
