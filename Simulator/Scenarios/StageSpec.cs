namespace DeploySim.Scenarios;

public sealed record StageSpec
{
    public required string Name { get; init; }
    public IReadOnlyList<PipelineActionSpec> Actions { get; init; } = [];
}
