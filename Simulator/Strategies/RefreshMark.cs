using DeploySim.Model;

namespace DeploySim.Strategies;

/// <summary>What an instance refresh knows of an instance (<see cref="Instance.RefreshMark"/>).</summary>
public static class RefreshMark
{
    public const byte None = 0, Old = 1, NewPending = 2, NewDone = 3, Gone = 4;
}
