namespace DeploySim.Engine;

/// <summary>Why the simulation run loop returned.</summary>
public enum StopReason
{
    /// <summary>No event was left to run.</summary>
    Empty,
    /// <summary>The next event lay beyond the horizon; the clock stands at the horizon (or stays, if it was already later).
    /// Events left in the queue may all be cancelled ones.</summary>
    Horizon,
    /// <summary>The event budget was spent.</summary>
    Budget,
    /// <summary>A handler called <see cref="Simulation.Stop"/>.</summary>
    Stopped,
    /// <summary>The cancellation token was signalled.</summary>
    Cancelled,
}
