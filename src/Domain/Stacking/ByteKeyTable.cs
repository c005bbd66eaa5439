using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SociaalDomein.Domain.Stacking;

/// <summary>Interns byte strings (keys, codes, composite group keys) as dense ids 0, 1, 2, …: the bytes are kept once
/// in one arena and found again with an open-addressing hash table, so a million rows cost a few arrays, not a
/// million objects. Keys are compared byte by byte; the hash only decides where to look.</summary>
internal sealed class ByteKeyTable
{
    private byte[] _arena;
    private int _used;
    private int[] _offsets;
    private int[] _lengths;
    private int[] _hashes;
    private int[] _slots;   // id + 1; 0 = empty
    private int _count;

    /// <param name="capacity">How many keys to expect (grows beyond it): sized once, a large table leaves no
    /// garbage of outgrown arrays behind.</param>
    /// <param name="keyBytes">How many bytes a key takes, about.</param>
    public ByteKeyTable(int capacity = 256, int keyBytes = 16)
    {
        capacity = Math.Max(capacity, 16);
        _arena = new byte[(long)capacity * keyBytes > Array.MaxLength ? Array.MaxLength : capacity * keyBytes];
        _offsets = new int[capacity];
        _lengths = new int[capacity];
        _hashes = new int[capacity];
        _slots = new int[(int)Math.Min(1L << 30, (long)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)capacity) * 2)];
    }

    public int Count => _count;

    /// <summary>Bytes held, for the memory estimate in docs/benchmarks.md.</summary>
    public long Bytes => _arena.Length + (_offsets.Length * 12L) + (_slots.Length * 4L);

    public ReadOnlySpan<byte> Key(int id) => _arena.AsSpan(_offsets[id], _lengths[id]);

    /// <summary>The id of <paramref name="key"/>, adding it when new (<paramref name="added"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int GetOrAdd(ReadOnlySpan<byte> key, out bool added)
    {
        var hash = Hash(key);
        var mask = _slots.Length - 1;
        var slot = hash & mask;
        while (_slots[slot] is var entry && entry != 0)
        {
            var id = entry - 1;
            if (_hashes[id] == hash && key.SequenceEqual(_arena.AsSpan(_offsets[id], _lengths[id])))
            {
                added = false;
                return id;
            }

            slot = (slot + 1) & mask;
        }

        added = true;
        var newId = _count++;
        if (newId == _offsets.Length)
        {
            Array.Resize(ref _offsets, newId * 2);
            Array.Resize(ref _lengths, newId * 2);
            Array.Resize(ref _hashes, newId * 2);
        }

        if (_used + key.Length > _arena.Length)
        {
            Array.Resize(ref _arena, Math.Max(_arena.Length * 2, _used + key.Length));
        }

        key.CopyTo(_arena.AsSpan(_used));
        _offsets[newId] = _used;
        _lengths[newId] = key.Length;
        _hashes[newId] = hash;
        _used += key.Length;
        _slots[slot] = newId + 1;
        if (_count * 2 > _slots.Length)
        {
            Rehash();
        }

        return newId;
    }

    private void Rehash()
    {
        var slots = new int[_slots.Length * 2];
        var mask = slots.Length - 1;
        for (var id = 0; id < _count; id++)
        {
            var slot = _hashes[id] & mask;
            while (slots[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            slots[slot] = id + 1;
        }

        _slots = slots;
    }

    /// <summary>A fast 64-bit mix of the bytes folded to 31 bits (not for security: the keys are already keyed
    /// hashes or codes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Hash(ReadOnlySpan<byte> key)
    {
        var h = 0x9E3779B97F4A7C15UL ^ (ulong)key.Length;
        while (key.Length >= 8)
        {
            h = (h ^ MemoryMarshal.Read<ulong>(key)) * 0xBF58476D1CE4E5B9UL;
            h ^= h >> 31;
            key = key[8..];
        }

        ulong tail = 0;
        foreach (var b in key)
        {
            tail = (tail << 8) | b;
        }

        h = (h ^ tail) * 0x94D049BB133111EBUL;
        h ^= h >> 29;
        h *= 0xBF58476D1CE4E5B9UL;
        h ^= h >> 32;
        return (int)(h & 0x7FFFFFFF);
    }
}
