using DeploySim.Cloud;
using DeploySim.Model;

namespace DeploySim.Tests.Model;

/// <summary>issue 13: a scale-in's pick is the oldest or newest instance launching or in service, found without passing
/// over the warm pool's instances that sit between them in launch order.</summary>
public sealed class GroupMembersTests
{
    private World _world = null!;
    private GroupMembers _members = null!;

    [SetUp]
    public void SetUp()
    {
        _world = new World();
        _world.Reset(Fleets.Article(instances: 1), 0, recordDetail: false);
        _members = new GroupMembers(_world);
        _members.Reset(instances: 64, zones: 1);
    }

    private int Launch(LifecycleState state)
    {
        int id = _world.NewInstance();
        Set(id, state);
        return id;
    }

    private void Set(int id, LifecycleState state)
    {
        _world[id].Lifecycle = state;
        _members.Changed(id);
    }

    [Test]
    public void Pick_SkipsPoolInstances_AndFindsOneWhenItLeavesThePool()
    {
        int first = Launch(LifecycleState.InService), second = Launch(LifecycleState.InService);
        int pooled = Launch(LifecycleState.Warmed);
        Launch(LifecycleState.Warming);
        Assert.Multiple(() =>
        {
            Assert.That(_members.Pick(0, 0, newest: true), Is.EqualTo(second), "the pool's instances are not in service");
            Assert.That(_members.Pick(0, 0, newest: false), Is.EqualTo(first));
        });
        Set(pooled, LifecycleState.Pending);                    // a warm start
        Assert.That(_members.Pick(0, 0, newest: true), Is.EqualTo(pooled), "launched after the others");
        Set(pooled, LifecycleState.InService);
        Set(pooled, LifecycleState.Warming);                    // reuse on scale-in: back to the pool
        Set(second, LifecycleState.Terminating);
        Assert.Multiple(() =>
        {
            Assert.That(_members.Pick(0, 0, newest: true), Is.EqualTo(first));
            Assert.That(_members.Active(0), Is.EqualTo(1));
        });
        Set(first, LifecycleState.Terminating);
        Assert.That(_members.Pick(0, 0, newest: false), Is.EqualTo(-1));
        Set(pooled, LifecycleState.Pending);                    // leaves the pool again
        Assert.That(_members.Pick(0, 0, newest: false), Is.EqualTo(pooled));
    }
}
