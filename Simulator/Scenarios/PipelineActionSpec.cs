using DeploySim.Engine;

namespace DeploySim.Scenarios;

public enum PipelineActionKind { Source, Approval, Wait, Deploy }

/// <summary>A pipeline action: a source trigger (CI, bundle upload, S3 notification), a manual approval or wait (each a
/// duration), or a CodeDeploy deployment to a fleet (as long as that fleet's rollout).</summary>
public sealed record PipelineActionSpec
{
    public required string Name { get; init; }
    public PipelineActionKind Kind { get; init; }
    public Distribution Duration { get; init; } = Distribution.Constant(0);
    /// <summary>The fleet a Deploy action deploys.</summary>
    public string? Fleet { get; init; }
}
