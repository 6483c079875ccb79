namespace DeploySim.Model;

/// <summary>A revision of the application's code, as CodeDeploy and Capistrano deploy it. Revisions are ordered in
/// time: <see cref="None"/> (nothing installed yet) before <see cref="Initial"/> (what the fleet runs at the start)
/// before <see cref="New"/> (what the scenario's rollout deploys) before <see cref="Revert"/> (a revert commit: the
/// good code under a new revision).</summary>
public readonly record struct Revision(int Number) : IComparable<Revision>
{
    public static readonly Revision None = new(0);
    public static readonly Revision Initial = new(1);
    public static readonly Revision New = new(2);
    public static readonly Revision Revert = new(3);

    public bool IsNone => Number == 0;
    public int CompareTo(Revision other) => Number.CompareTo(other.Number);
    public static bool operator <(Revision a, Revision b) => a.Number < b.Number;
    public static bool operator >(Revision a, Revision b) => a.Number > b.Number;
    public static bool operator <=(Revision a, Revision b) => a.Number <= b.Number;
    public static bool operator >=(Revision a, Revision b) => a.Number >= b.Number;

    public override string ToString() => Number switch { 0 => "none", 1 => "initial", 2 => "new", 3 => "revert", _ => $"r{Number}" };
}
