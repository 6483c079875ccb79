namespace DeploySim.Engine;

/// <summary>A set of ids 0..n-1 (a Fenwick tree of 0/1 flags) that finds its k-th smallest member in O(log n): choosing
/// the k-th of the instances in some state without a scan of the fleet.</summary>
internal sealed class RankIndex
{
    private int[] _tree = new int[1];      // 1-based; _tree.Length - 1 is a power of two
    private int Size => _tree.Length - 1;

    /// <summary>Empties the set and sizes it for ids below <paramref name="ids"/> (at least).</summary>
    public void Reset(int ids)
    {
        int size = 1;
        while (size < ids) size <<= 1;
        if (_tree.Length != size + 1) _tree = new int[size + 1];
        else Array.Clear(_tree);
    }

    /// <summary>Whether <paramref name="id"/> is below the size: otherwise <see cref="Reset"/> with more.</summary>
    public bool Covers(int id) => id < Size;

    public void Add(int id, int delta)
    {
        for (int p = id + 1; p <= Size; p += p & -p) _tree[p] += delta;
    }

    /// <summary>The member with <paramref name="k"/> smaller members (k from 0); -1 when there are not that many.</summary>
    public int Kth(int k)
    {
        int position = 0, remaining = k + 1;
        for (int step = Size; step > 0; step >>= 1)
        {
            if (position + step <= Size && _tree[position + step] < remaining)
            {
                position += step;
                remaining -= _tree[position];
            }
        }
        return position < Size ? position : -1;
    }
}
