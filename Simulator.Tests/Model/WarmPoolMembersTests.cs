using DeploySim.Cloud;
using DeploySim.Model;

namespace DeploySim.Tests.Model;

/// <summary>issue 13: the warm pool answers without scanning what Auto Scaling used to scan its list for. These tests
/// pin the answers to that list's order (appended to, removed from anywhere): the earliest ready member of a zone and
/// launch template, the latest still warming, the latest of all, and the count per zone.</summary>
public sealed class WarmPoolMembersTests
{
    private World _world = null!;
    private WarmPoolMembers _pool = null!;

    [SetUp]
    public void SetUp()
    {
        _world = new World();
        _world.Reset(Fleets.Article(instances: 1), 0, recordDetail: false);
        _pool = new WarmPoolMembers(_world);
        _pool.Reset(zones: 2);
    }

    private int Member(int zone, LifecycleState state, byte template = 1)
    {
        int id = _world.NewInstance();
        ref var inst = ref _world[id];
        (inst.Zone, inst.Lifecycle, inst.LaunchTemplate) = ((byte)zone, state, template);
        _pool.Add(id);
        return id;
    }

    private int EarliestReady(int zone, byte template = 1) => _pool.EarliestReady(zone, template) is var p and >= 0 ? _pool.At(p) : -1;

    private void Ready(int id)
    {
        _world[id].Lifecycle = LifecycleState.Warmed;
        _pool.BecameReady(id);
    }

    [Test]
    public void EarliestReady_IsTheFirstAddedWarmedMemberOfItsZoneAndTemplate()
    {
        int warming = Member(0, LifecycleState.Warming), first = Member(0, LifecycleState.Warmed), other = Member(1, LifecycleState.Warmed);
        Member(0, LifecycleState.Warmed);
        Member(0, LifecycleState.Warmed, template: 2);
        Assert.Multiple(() =>
        {
            Assert.That(EarliestReady(0), Is.EqualTo(first), "a member still warming is not ready");
            Assert.That(EarliestReady(1), Is.EqualTo(other));
            Assert.That(EarliestReady(1, template: 2), Is.EqualTo(-1));
        });
        Ready(warming);
        Assert.That(EarliestReady(0), Is.EqualTo(warming), "ready now, and added before the others");
        _pool.Remove(warming);
        Assert.That(EarliestReady(0), Is.EqualTo(first), "a member that left is skipped");
    }

    [Test]
    public void Latest_AndLatestWarming_FollowTheOrderOfAdding()
    {
        int a = Member(0, LifecycleState.Warming), b = Member(1, LifecycleState.Warming), c = Member(0, LifecycleState.Warmed);
        Assert.Multiple(() =>
        {
            Assert.That(_pool.Latest(), Is.EqualTo(c));
            Assert.That(_pool.LatestWarming(), Is.EqualTo(b));
        });
        Ready(b);
        Assert.That(_pool.LatestWarming(), Is.EqualTo(a), "b is ready: the latest still warming is a");
        _pool.Remove(c);
        Assert.That(_pool.Latest(), Is.EqualTo(b));
        _pool.Remove(a);
        Assert.Multiple(() =>
        {
            Assert.That(_pool.LatestWarming(), Is.EqualTo(-1));
            Assert.That(_pool.Count, Is.EqualTo(1));
        });
    }

    [Test]
    public void AMemberThatComesBack_TakesThePlaceAfterTheOthers()
    {
        int a = Member(0, LifecycleState.Warmed), b = Member(0, LifecycleState.Warmed);
        _pool.Remove(a);
        _world[a].Lifecycle = LifecycleState.Warming;            // reuse on scale-in: back in the pool, warming
        _pool.Add(a);
        Assert.Multiple(() =>
        {
            Assert.That(_pool.Latest(), Is.EqualTo(a));
            Assert.That(EarliestReady(0), Is.EqualTo(b));
        });
        Ready(a);
        Assert.That(EarliestReady(0), Is.EqualTo(b), "b was added before a came back");
        _pool.Remove(b);
        Assert.That(EarliestReady(0), Is.EqualTo(a));
    }

    [Test]
    public void InZone_CountsTheMembers_AndTheInvariantCheckFindsAPoolInstanceLeftOut()
    {
        Member(0, LifecycleState.Warming);
        int b = Member(1, LifecycleState.Warmed);
        Member(1, LifecycleState.Warmed);
        Assert.Multiple(() =>
        {
            Assert.That(new[] { _pool.InZone(0), _pool.InZone(1) }, Is.EqualTo(new[] { 1, 2 }));
            Assert.That(_pool.Mismatch(), Is.Null);
        });
        _pool.Remove(b);
        Assert.That(_pool.Mismatch(), Does.Contain($"instance {b} is Warmed but not in the warm pool"));
    }
}
