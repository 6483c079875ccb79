using System.Text.Json.Serialization;
using DeploySim.Metrics;
using DeploySim.Pipelines;

namespace DeploySim.Running;

/// <summary>What one replication of a scenario measured: the fleets combined, each fleet, and the pipeline's stages.</summary>
public sealed record ScenarioReplication
{
    private IReadOnlyList<ReplicationResult>? _fleets;

    public int Replication { get; init; }

    /// <summary>The fleets combined (see <see cref="FleetResults.Combine"/>); its outcome is the pipeline's. For a
    /// pipeline-less one-fleet scenario it is that fleet's result, unchanged.</summary>
    public required ReplicationResult Combined { get; init; }

    /// <summary>Each fleet's own result, in the scenario's fleet order (the combined result alone for a pipeline-less
    /// one-fleet scenario).</summary>
    [JsonIgnore]
    public IReadOnlyList<ReplicationResult> Fleets
    {
        get => _fleets ?? [Combined];
        init => _fleets = value;
    }

    /// <summary>The fleets as a shard row stores them: left out when they are just the combined result.</summary>
    [JsonInclude]
    [JsonPropertyName("fleets")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    internal IReadOnlyList<ReplicationResult>? StoredFleets
    {
        get => _fleets is [var only] && ReferenceEquals(only, Combined) ? null : _fleets;
        init => _fleets = value;
    }

    /// <summary>Each stage as it ran (empty without a pipeline).</summary>
    public IReadOnlyList<StageRun> Stages { get; init; } = [];

    /// <summary>From the merge until every deployed fleet ran the new revision (the last deploy action's end);
    /// NaN when the pipeline stopped or there is none.</summary>
    public double MergeToLiveSeconds { get; init; } = double.NaN;

    /// <summary>The fleet whose deploy action ended last and so decided <see cref="MergeToLiveSeconds"/> (the first in
    /// fleet order on a tie); null when the pipeline stopped or there is none.</summary>
    public string? CriticalFleet { get; init; }
}
