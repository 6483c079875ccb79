using DeploySim.Engine;

namespace DeploySim.Scenarios;

/// <summary>The team's response to a detected bad revision, per strategy (the source article: a revert commit plus an
/// in-place deploy was judged fast enough; blue/green could reroute back while the originals live).</summary>
public sealed record RecoverySpec
{
    /// <summary>In-place: from detection until the revert's deployment starts (revert commit, review, CI, bundle upload,
    /// S3 notification, pipeline); a pipeline scenario derives it from its stages.</summary>
    public Distribution RevertLeadTime { get; init; } = Distribution.Constant(900_000);
    /// <summary>Blue/green: from detection until the reroute back to the originals starts (the operator's decision).</summary>
    public Distribution RerouteBackDelay { get; init; } = Distribution.Constant(120_000);
    /// <summary>Graceful restart: from detection until `cap deploy:rollback` restarts on the previous release.</summary>
    public Distribution RollbackDelay { get; init; } = Distribution.Constant(120_000);
}
