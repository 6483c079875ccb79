using DeploySim.Engine;

namespace DeploySim.Scenarios;

public enum HostsMode { Parallel, Sequential, Groups }

public enum QuitOldMaster { AfterNewWorkersReady, OnFirstWorkerFork }

/// <summary>Capistrano with unicorn USR2 (docs/model.md#unicorn-usr2, docs/model.md#capistrano-flow).</summary>
public sealed record GracefulRestartSpec
{
    /// <summary>docs/model.md#capistrano-flow: SSHKit defaults to parallel; `cap install` restarts in sequence with a 5 s wait; groups default to 2.</summary>
    public HostsMode Hosts { get; init; } = HostsMode.Parallel;
    public int GroupSize { get; init; } = 2;
    public SimDuration WaitBetweenHosts { get; init; } = SimDuration.FromSeconds(5);
    /// <summary>Release creation, bundle, assets before the restart (docs/model.md#capistrano-flow).</summary>
    public Distribution CodeUpdateTime { get; init; } = Distribution.Constant(120_000);
    /// <summary>docs/model.md#unicorn-usr2, docs/model.md#opsworks-setup-and-boot-times: capistrano-unicorn QUITs after the new workers plus a sleep; OpsWorks' before_fork QUITs at the first fork.</summary>
    public QuitOldMaster QuitOldMaster { get; init; } = QuitOldMaster.AfterNewWorkersReady;
    /// <summary>docs/model.md#capistrano-flow: capistrano-unicorn sleeps 2 s.</summary>
    public SimDuration QuitDelay { get; init; } = SimDuration.FromSeconds(2);
}
