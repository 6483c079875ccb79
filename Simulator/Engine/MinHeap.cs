namespace DeploySim.Engine;

/// <summary>A binary min-heap of ints that keeps its array between replications (store <c>~x</c> for a max-heap). The
/// model's ordered sets (the warm pool's members, a zone's live instances) use it with lazy deletion: entries that no
/// longer qualify are dropped when they reach the top.</summary>
internal sealed class MinHeap
{
    private int[] _items = new int[16];

    public int Count { get; private set; }

    public int Top => _items[0];

    public void Clear() => Count = 0;

    public void Push(int value)
    {
        if (Count == _items.Length) Array.Resize(ref _items, Count * 2);
        int k = Count++;
        while (k > 0)
        {
            int parent = (k - 1) >> 1;
            if (_items[parent] <= value) break;
            _items[k] = _items[parent];
            k = parent;
        }
        _items[k] = value;
    }

    public void Pop()
    {
        int last = _items[--Count], k = 0;
        while (true)
        {
            int child = (2 * k) + 1;
            if (child >= Count) break;
            if (child + 1 < Count && _items[child + 1] < _items[child]) child++;
            if (last <= _items[child]) break;
            _items[k] = _items[child];
            k = child;
        }
        if (Count > 0) _items[k] = last;
    }
}
