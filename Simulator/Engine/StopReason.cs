namespace DeploySim.Engine;

/// <summary>Why the simulation run loop returned.</summary>
public enum StopReason
{
    /// <summary>No event was left to run.</summary>
    Empty,
    /// <summary>The next event lay beyond the horizon; the clock stands at the horizon.</summary>
    Horizon,
    /// <summary>The event budget was spent.</summary>
    Budget,
    /// <summary>A handler called <see cref="Simulation.Stop"/>.</summary>
    Stopped,
    /// <summary>The cancellation token was signalled.</summary>
    Cancelled,
}
