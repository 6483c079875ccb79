using DeploySim.Engine;

namespace DeploySim.Scenarios;

public enum HostsMode { Parallel, Sequential, Groups }

public enum QuitOldMaster { AfterNewWorkersReady, OnFirstWorkerFork }

/// <summary>Capistrano with unicorn USR2 (§7.1, §7.5).</summary>
public sealed record GracefulRestartSpec
{
    /// <summary>§7.5: SSHKit defaults to parallel; `cap install` restarts in sequence with a 5 s wait; groups default to 2.</summary>
    public HostsMode Hosts { get; init; } = HostsMode.Parallel;
    public int GroupSize { get; init; } = 2;
    public SimDuration WaitBetweenHosts { get; init; } = SimDuration.FromSeconds(5);
    /// <summary>Release creation, bundle, assets before the restart (§7.5).</summary>
    public Distribution CodeUpdateTime { get; init; } = Distribution.Constant(120_000);
    /// <summary>§7.1/§6: capistrano-unicorn QUITs after the new workers plus a sleep; OpsWorks' before_fork QUITs at the first fork.</summary>
    public QuitOldMaster QuitOldMaster { get; init; } = QuitOldMaster.AfterNewWorkersReady;
    /// <summary>§7.5: capistrano-unicorn sleeps 2 s.</summary>
    public SimDuration QuitDelay { get; init; } = SimDuration.FromSeconds(2);
}
