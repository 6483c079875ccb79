using DeploySim.Engine;

namespace DeploySim.Tests.Engine;

public sealed class PagedArrayTests
{
    [Test]
    public void Growing_BeyondTheFlatPart_KeepsEveryElementInPlace()
    {
        var a = new PagedArray<long>();
        a.Reset(used: 0, expected: 100);
        Assert.That(a.Capacity, Is.EqualTo(100));
        ref long first = ref a[7];
        first = 7;
        for (int id = 0; id < 5_000; id++)
        {
            a.EnsureCapacity(id + 1);
            if (id != 7) a[id] = id;
        }
        Assert.That(a.Capacity, Is.EqualTo(100 + (5 * PagedArray<long>.PageSize)));
        first = -7;                                               // the reference taken before growing still points at the element
        Assert.That(a[7], Is.EqualTo(-7));
        Assert.That(Enumerable.Range(0, 5_000).Where(id => id != 7).All(id => a[id] == id), Is.True);
    }

    [Test]
    public void Reset_AfterPages_FoldsThemIntoOneClearedFlatArray()
    {
        var a = new PagedArray<int>();
        a.Reset(0, 10);
        a.EnsureCapacity(3_000);
        for (int id = 0; id < 3_000; id++) a[id] = id + 1;
        a.Reset(used: 3_000, expected: 10);
        Assert.That(a.Capacity, Is.EqualTo(3_000));              // the ids the last replication used, in the flat part
        Assert.That(Enumerable.Range(0, 3_000).All(id => a[id] == 0), Is.True);
        a[2_999] = 5;
        a.Reset(used: 3_000, expected: 10);
        Assert.That(a.Capacity, Is.EqualTo(3_000));              // big enough: kept, and cleared
        Assert.That(a[2_999], Is.EqualTo(0));
    }

    [Test]
    public void Access_OutsideTheCapacity_Throws()
    {
        var a = new PagedArray<int>();
        a.Reset(0, 10);
        Assert.Throws<IndexOutOfRangeException>(() => _ = a[10]);
        Assert.Throws<IndexOutOfRangeException>(() => _ = a[-1]);
    }

    /// <summary>A flat part of 8 MiB or more gets the huge-page hint, whether or not its elements hold references (the
    /// address is read without pinning, which the jobs' array, holding strings, cannot be).</summary>
    [Test]
    public void Reset_LargeFlatPart_WithAndWithoutReferences_Works()
    {
        var plain = new PagedArray<long>();
        plain.Reset(0, 2_000_000);                                // 16 MB: advised
        plain[1_999_999] = 3;
        Assert.That(plain[1_999_999], Is.EqualTo(3));
        var withReferences = new PagedArray<(string? Name, long Ms)>();
        Assert.DoesNotThrow(() => withReferences.Reset(0, 1_000_000));   // 16 MB, references: advised all the same (no pinning)
        withReferences[999_999] = ("x", 1);
        Assert.That(withReferences[999_999].Name, Is.EqualTo("x"));
    }

    private struct WithReference
    {
        public string? Reason;
    }

    [Test]
    public void HugePages_AdviseAnArrayWithReferences_DoesNotThrow()
    {
        var jobs = new WithReference[(int)(HugePages.MinBytes / 16) + 1];
        jobs[^1].Reason = "kept";
        Assert.DoesNotThrow(() => HugePages.Advise(jobs, HugePages.MinBytes + 16));
        Assert.That(jobs[^1].Reason, Is.EqualTo("kept"));
    }
}
