using System.Buffers.Binary;
using System.Text;

namespace SociaalDomein.Infrastructure.Imports;

/// <summary>
/// An exact set of identity keys (an assignment's "nr:…" or "h:…", docs/import-formats.md) with an <see cref="int"/> per
/// key, kept where the garbage collector does not look: the keys' UTF-8 bytes in one byte array, the slots (64-bit hash,
/// offset, value) in three plain arrays, open addressing with linear probing. A <c>Dictionary&lt;string, int&gt;</c> of a
/// million identities kept a million strings alive through the whole import, and every collection traced them: it cost
/// the import about 1.5 s of CPU per million rows (docs/benchmarks.md, ADR 18). Keys are compared byte by byte on an
/// equal hash, so the set is exact; the hash only decides where to look.
/// </summary>
internal sealed class IdentityTable
{
    private const double MaxLoad = 0.7;

    private long[] _hashes;
    private int[] _offsets; // offset + 1 into _keys; 0: empty slot
    private int[] _values;
    private byte[] _keys = new byte[1 << 16];
    private int _keysLength;
    private int _shift;

    public IdentityTable()
    {
        const int capacity = 1 << 12;
        _hashes = new long[capacity];
        _offsets = new int[capacity];
        _values = new int[capacity];
        _shift = 64 - System.Numerics.BitOperations.Log2(capacity);
    }

    /// <summary>Keys held.</summary>
    public int Count { get; private set; }

    public bool Contains(string key)
    {
        var max = Encoding.UTF8.GetMaxByteCount(key.Length);
        Span<byte> buffer = max <= 1024 ? stackalloc byte[1024] : new byte[max];
        var bytes = buffer[..Encoding.UTF8.GetBytes(key, buffer)];
        return Find(bytes, Hash(bytes)) >= 0;
    }

    /// <summary>The value of <paramref name="key"/>, added with value 0 when it was not held
    /// (<paramref name="existed"/> false). The reference is valid until the next key is added.</summary>
    public ref int GetValueRefOrAddDefault(string key, out bool existed)
    {
        var max = Encoding.UTF8.GetMaxByteCount(key.Length);
        Span<byte> buffer = max <= 1024 ? stackalloc byte[1024] : new byte[max];
        var bytes = buffer[..Encoding.UTF8.GetBytes(key, buffer)];
        var hash = Hash(bytes);
        var slot = Find(bytes, hash);
        existed = slot >= 0;
        if (!existed)
        {
            if (Count + 1 > _hashes.Length * MaxLoad)
            {
                Grow();
            }

            slot = ~Find(bytes, hash);
            _hashes[slot] = hash;
            _offsets[slot] = Store(bytes) + 1;
            Count++;
        }

        return ref _values[slot];
    }

    /// <summary>The slot holding <paramref name="key"/>, or the complement of the empty slot where it would go.</summary>
    private int Find(ReadOnlySpan<byte> key, long hash)
    {
        var mask = _hashes.Length - 1;
        for (var i = Slot(hash); ; i = (i + 1) & mask)
        {
            var offset = _offsets[i];
            if (offset == 0)
            {
                return ~i;
            }

            if (_hashes[i] == hash && Key(offset - 1).SequenceEqual(key))
            {
                return i;
            }
        }
    }

    private ReadOnlySpan<byte> Key(int offset) =>
        _keys.AsSpan(offset + 2, BinaryPrimitives.ReadUInt16LittleEndian(_keys.AsSpan(offset)));

    /// <summary>Appends the key, prefixed with its length, and returns where it starts.</summary>
    private int Store(ReadOnlySpan<byte> key)
    {
        if (key.Length > ushort.MaxValue)
        {
            throw new ArgumentException("An identity key is at most 200 characters.", nameof(key));
        }

        if (_keysLength + 2 + key.Length > _keys.Length)
        {
            Array.Resize(ref _keys, checked(Math.Max(_keys.Length * 2, _keysLength + 2 + key.Length)));
        }

        var offset = _keysLength;
        BinaryPrimitives.WriteUInt16LittleEndian(_keys.AsSpan(offset), (ushort)key.Length);
        key.CopyTo(_keys.AsSpan(offset + 2));
        _keysLength += 2 + key.Length;
        return offset;
    }

    /// <summary>Fibonacci hashing onto the table's size.</summary>
    private int Slot(long hash) => (int)(((ulong)hash * 0x9E3779B97F4A7C15UL) >> _shift);

    private void Grow()
    {
        var (hashes, offsets, values) = (_hashes, _offsets, _values);
        _hashes = new long[hashes.Length * 2];
        _offsets = new int[hashes.Length * 2];
        _values = new int[hashes.Length * 2];
        _shift--;
        var mask = _hashes.Length - 1;
        for (var j = 0; j < hashes.Length; j++)
        {
            if (offsets[j] == 0)
            {
                continue;
            }

            var i = Slot(hashes[j]);
            while (_offsets[i] != 0)
            {
                i = (i + 1) & mask;
            }

            (_hashes[i], _offsets[i], _values[i]) = (hashes[j], offsets[j], values[j]);
        }
    }

    /// <summary>FNV-1a over 8-byte words, then a final mix: fast on short keys, well spread by the mix.</summary>
    private static long Hash(ReadOnlySpan<byte> key)
    {
        var h = 0xcbf29ce484222325UL ^ (ulong)key.Length;
        while (key.Length >= 8)
        {
            h = (h ^ BinaryPrimitives.ReadUInt64LittleEndian(key)) * 0x100000001b3UL;
            key = key[8..];
        }

        ulong tail = 0;
        for (var i = 0; i < key.Length; i++)
        {
            tail |= (ulong)key[i] << (8 * i);
        }

        h = (h ^ tail) * 0x100000001b3UL;
        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdUL;
        h ^= h >> 33;
        return (long)h;
    }
}
