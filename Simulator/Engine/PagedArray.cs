using System.Runtime.CompilerServices;

namespace DeploySim.Engine;

/// <summary>Per-id storage (instances, CodeDeploy's jobs): one flat array sized when a replication is set up for the ids
/// it expects, and pages of <see cref="PageSize"/> elements for ids beyond, added as they are handed out. Growing
/// during a run never copies and allocates only what is used, where a doubled array copied every element and reserved
/// twice the memory (issue 13: a launch loop keeps relaunching with new ids). Ids in the flat part cost what a flat
/// array's do (the range test is the array's own bounds check).</summary>
/// <remarks>Elements start as <c>default</c>. A mutable struct, so that an access costs no more loads than a flat
/// array field's: keep it in a non-readonly field, create it with <c>new()</c>, never copy it. Not thread-safe: one per
/// replication's world.</remarks>
public struct PagedArray<T> where T : struct
{
    private const int Shift = 10;
    /// <summary>Elements per page beyond the flat part.</summary>
    public const int PageSize = 1 << Shift;
    private const int Mask = PageSize - 1;

    private T[] _flat;
    private T[][] _pages;
    private int _pageCount;

    public PagedArray()
    {
        _flat = [];
        _pages = [];
    }

    /// <summary>Ids below this are valid.</summary>
    public readonly int Capacity => _flat.Length + (_pageCount << Shift);

    public readonly ref T this[int id]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            var flat = _flat;
            if (unchecked((uint)id < (uint)flat.Length)) return ref flat[id];   // (checked casts would add a test per access)
            return ref Paged(id);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private readonly ref T Paged(int id)
    {
        int k = id - _flat.Length;
        if (k < 0) throw new IndexOutOfRangeException($"id {id} is negative");
        return ref _pages[k >> Shift][k & Mask];
    }

    /// <summary>Between replications: sets ids below <paramref name="used"/> (every id handed out since the last reset) back
    /// to <c>default</c> and makes the flat part hold at least <paramref name="expected"/> ids and every id used, so that a
    /// world reused for the next replication keeps its elements in one array (pages are in use only when ids went beyond
    /// the flat part, and then the flat part is replaced by one at least twice as large, so that the next replications
    /// of a fleet whose ids vary a little do not allocate again).</summary>
    public void Reset(int used, int expected)
    {
        int size = Math.Max(expected, used > _flat.Length ? Math.Max(used, 2 * _flat.Length) : 0);
        if (size > _flat.Length)
        {
            _flat = new T[size];
            HugePages.Advise(_flat, (long)size * Unsafe.SizeOf<T>());   // a large fleet's set-up writes every element once
        }
        else Array.Clear(_flat, 0, used);
        Array.Clear(_pages);
        _pageCount = 0;
    }

    /// <summary>During a run: adds pages until ids below <paramref name="elements"/> are valid (new pages hold <c>default</c>).</summary>
    public void EnsureCapacity(int elements)
    {
        while (Capacity < elements)
        {
            if (_pageCount == _pages.Length) Array.Resize(ref _pages, Math.Max(4, _pages.Length * 2));
            _pages[_pageCount] = new T[PageSize];
            _pageCount++;
        }
    }
}
