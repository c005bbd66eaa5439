using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SociaalDomein.Infrastructure.Imports;

/// <summary>
/// Shares the strings that repeat across rows (product codes, AGB codes, provider names, postcode areas), so a file of
/// a million rows does not hold a million copies of "02A06". Bounded: past the limit values are simply copied.
/// </summary>
internal sealed class TextPool
{
    private readonly TextTable<string> _table = new(maxEntries: 100_000, emptyWhenFull: false);

    public string Get(ReadOnlySpan<char> text)
    {
        if (_table.TryGet(text, out var existing, out var hash))
        {
            return existing;
        }

        var value = text.ToString();
        _table.Add(value, hash, value);
        return value;
    }
}

/// <summary>
/// The keyed hashes (HMAC) of the clients and addresses met so far in one file: a client or household usually has
/// several rows, and the HMAC is the most expensive step of a row. Kept in memory for the reading of one file only,
/// never logged; bounded (emptied when full) so a file of a million different clients does not grow it without end.
/// </summary>
internal sealed class KeyCache
{
    private readonly TextTable<byte[]> _table = new(maxEntries: 200_000, emptyWhenFull: true);

    public bool TryGet(ReadOnlySpan<char> text, out byte[] key) => _table.TryGet(text, out key, out _);

    /// <summary>Adds the key of a text <see cref="TryGet"/> did not find.</summary>
    public void Add(ReadOnlySpan<char> text, byte[] key) => _table.Add(text, key);
}

/// <summary>
/// Text to value by open addressing (linear probing, at most half full), for the per-row lookups of a reader: no
/// string is made to look a value up, and no generic dictionary code shared between reference types (whose comparer
/// calls cost a runtime lookup each; this was a tenth of a claims row's reading).
/// </summary>
internal sealed class TextTable<TValue>(int maxEntries, bool emptyWhenFull) where TValue : class
{
    private string?[] _keys = new string?[1024];
    private int[] _hashes = new int[1024];
    private TValue?[] _values = new TValue?[1024];
    private int _count;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryGet(ReadOnlySpan<char> text, out TValue value, out int hash)
    {
        hash = Hash(text);
        var mask = _keys.Length - 1;
        for (var i = hash & mask; ; i = (i + 1) & mask)
        {
            var key = _keys[i];
            if (key is null)
            {
                value = null!;
                return false;
            }

            if (_hashes[i] == hash && text.SequenceEqual(key))
            {
                value = _values[i]!;
                return true;
            }
        }
    }

    /// <summary>Adds a key that <see cref="TryGet"/> did not find.</summary>
    public void Add(ReadOnlySpan<char> key, TValue value) => Add(key.ToString(), Hash(key), value);

    /// <summary>Adds a key that <see cref="TryGet"/> did not find, with the hash it gave.</summary>
    public void Add(string key, int hash, TValue value)
    {
        if (_count >= maxEntries)
        {
            if (!emptyWhenFull)
            {
                return;
            }

            Array.Clear(_keys);
            Array.Clear(_values);
            _count = 0;
        }

        if ((_count + 1) * 2 > _keys.Length)
        {
            Grow();
        }

        Insert(key, hash, value);
        _count++;
    }

    private void Insert(string key, int hash, TValue value)
    {
        var mask = _keys.Length - 1;
        var i = hash & mask;
        while (_keys[i] is not null)
        {
            i = (i + 1) & mask;
        }

        (_keys[i], _hashes[i], _values[i]) = (key, hash, value);
    }

    private void Grow()
    {
        var (keys, hashes, values) = (_keys, _hashes, _values);
        _keys = new string?[keys.Length * 2];
        _hashes = new int[keys.Length * 2];
        _values = new TValue?[keys.Length * 2];
        for (var i = 0; i < keys.Length; i++)
        {
            if (keys[i] is { } key)
            {
                Insert(key, hashes[i], values[i]!);
            }
        }
    }

    /// <summary>A multiplicative hash over four characters at a time, mixed at the end so the low bits (the slot) depend
    /// on every character.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Hash(ReadOnlySpan<char> text)
    {
        var h = (ulong)text.Length * 0x9E3779B97F4A7C15UL;
        var words = MemoryMarshal.Cast<char, ulong>(text);
        foreach (var word in words)
        {
            h = BitOperations.RotateLeft((h ^ word) * 0xFF51AFD7ED558CCDUL, 29);
        }

        for (var i = words.Length * 4; i < text.Length; i++)
        {
            h = BitOperations.RotateLeft((h ^ text[i]) * 0xFF51AFD7ED558CCDUL, 29);
        }

        h ^= h >> 33;
        h *= 0xC4CEB9FE1A85EC53UL;
        h ^= h >> 29;
        return (int)h;
    }
}
