using DeploySim.Engine;

namespace DeploySim.Scenarios;

public enum HostsMode { Parallel, Sequential, Groups }

/// <summary>When the old unicorn master gets QUIT after USR2 (docs/model.md#unicorn-usr2). Each is named after its source.</summary>
public enum QuitOldMaster
{
    /// <summary>unicorn SIGNALS' documented procedure: verify the new master, then QUIT the old one (here: every new
    /// worker forked, plus <see cref="GracefulRestartSpec.QuitDelay"/>). Both generations at full size for a while.</summary>
    AfterNewWorkersReady,
    /// <summary>OpsWorks' unicorn.conf.erb before_fork: QUIT the old master when the new one forks its first worker.</summary>
    OnFirstWorkerFork,
    /// <summary>capistrano-unicorn's unicorn:restart: USR2, sleep <see cref="GracefulRestartSpec.QuitDelay"/>, QUIT the old
    /// master. The old workers leave before the new master has booted: about one generation of memory, a serving gap.</summary>
    AfterDelay,
    /// <summary>unicorn's examples/unicorn.conf.rb before_fork snippet: each new worker sends TTOU to the old master (one
    /// old worker fewer), the last one sends QUIT. One generation plus a master, no serving gap.</summary>
    OnLastWorkerFork,
}

/// <summary>Capistrano with unicorn USR2 (docs/model.md#unicorn-usr2, docs/model.md#capistrano-flow).</summary>
public sealed record GracefulRestartSpec
{
    /// <summary>docs/model.md#capistrano-flow: SSHKit defaults to parallel; `cap install` restarts in sequence with a 5 s wait; groups default to 2.</summary>
    public HostsMode Hosts { get; init; } = HostsMode.Parallel;
    public int GroupSize { get; init; } = 2;
    public SimDuration WaitBetweenHosts { get; init; } = SimDuration.FromSeconds(5);
    /// <summary>Release creation, bundle, assets before the restart (docs/model.md#capistrano-flow).</summary>
    public Distribution CodeUpdateTime { get; init; } = Distribution.Constant(120_000);
    /// <summary>docs/model.md#unicorn-usr2: when the old master is QUIT (see <see cref="Scenarios.QuitOldMaster"/> for each mode's source).</summary>
    public QuitOldMaster QuitOldMaster { get; init; } = QuitOldMaster.AfterNewWorkersReady;
    /// <summary>docs/model.md#capistrano-flow: capistrano-unicorn sleeps 2 s (`unicorn_restart_sleep_time`); used by
    /// <c>afterDelay</c> (from USR2) and <c>afterNewWorkersReady</c> (from the last new fork).</summary>
    public SimDuration QuitDelay { get; init; } = SimDuration.FromSeconds(2);
}
