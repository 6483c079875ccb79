using DeploySim.Engine;

namespace DeploySim.Scenarios;

/// <summary>CodePipeline: stages in order, each with actions that run in parallel (the source article's pipeline:
/// merge, CI, bundle upload to S3, S3 notification, then a Deploy stage with one CodeDeploy action per group).</summary>
public sealed record PipelineSpec
{
    /// <summary>Simulated time of the merge that triggers the pipeline.</summary>
    public SimDuration MergeAt { get; init; } = SimDuration.FromHours(1);
    public IReadOnlyList<StageSpec> Stages { get; init; } = [];
}
