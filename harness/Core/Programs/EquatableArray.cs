using System.Collections;
using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace ConformanceKit.Programs;

/// <summary>An immutable array compared by its elements, so records holding it compare by value.</summary>
public readonly struct EquatableArray<T>(ImmutableArray<T> items) : IEquatable<EquatableArray<T>>, IReadOnlyList<T>
    where T : IEquatable<T>
{
    readonly ImmutableArray<T> _items = items.IsDefault ? [] : items;

    public static readonly EquatableArray<T> Empty = new([]);

    public ImmutableArray<T> Items => _items.IsDefault ? [] : _items;
    public int Count => Items.Length;
    public T this[int index] => Items[index];
    public ReadOnlySpan<T> AsSpan() => Items.AsSpan();

    public bool Equals(EquatableArray<T> other) => Items.AsSpan().SequenceEqual(other.Items.AsSpan());
    public override bool Equals(object? obj) => obj is EquatableArray<T> other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Count);
        foreach (var item in Items.Take(64)) hash.Add(item);
        return hash.ToHashCode();
    }

    public static bool operator ==(EquatableArray<T> left, EquatableArray<T> right) => left.Equals(right);
    public static bool operator !=(EquatableArray<T> left, EquatableArray<T> right) => !left.Equals(right);

    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)Items).GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public static implicit operator EquatableArray<T>(ImmutableArray<T> items) => new(items);
    public static implicit operator EquatableArray<T>(T[] items) => new([.. items]);

    /// <summary>Wraps an array no one else holds, without copying it; the caller must not change it afterwards.</summary>
    public static EquatableArray<T> TakeOwnership(T[] items) => new(ImmutableCollectionsMarshal.AsImmutableArray(items));
}
